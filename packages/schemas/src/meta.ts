import type { z } from 'zod'

/**
 * The export marker: the one metadata value that lets an option leave the machine.
 * Everything without it is masked by the anonymizer (redaction is the default).
 */
export const EXPORT_MARKER = 'export'

/** Metadata every option carries. `kind` is set by the kind helpers where Zod's own type is not enough. */
export interface OptionMeta {
  description?: typeof EXPORT_MARKER
  help: string
  kind?: 'duration' | 'file-or-content' | 'section'
  /** Other names a configuration may use for this option (read as the canonical one). */
  aliases?: readonly string[]
}

function optional<T extends z.ZodType>(schema: T): z.ZodType {
  const type = schema.def.type
  return type === 'default' || type === 'prefault' || type === 'optional' ? schema : schema.optional()
}

/** An option that may be sent: `.describe('export')` plus its help text. */
export function exported<T extends z.ZodType>(schema: T, help: string): T {
  return optional(schema).meta({ description: EXPORT_MARKER, help }) as unknown as T
}

/** An option that never leaves the machine as written (the default for anything not exported). */
export function masked<T extends z.ZodType>(schema: T, help: string): T {
  return optional(schema).meta({ help }) as unknown as T
}
