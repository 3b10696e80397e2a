/** What the anonymizer writes in place of a value it does not send. */

/** A non-exported, non-empty string (Go's redactor `maskShort`). */
export const MASKED = 'xxxx'

/** A string that does not fit its closed shape (Traefik's redactor uses the same 32 `x`). */
export const SCRUBBED = 'x'.repeat(32)
