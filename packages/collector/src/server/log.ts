/** A structured log line: an event and its fields, never report content nor a full address. */
export type Log = (event: string, fields?: Record<string, unknown>) => void
