/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export class UsageError extends Error {
  override name = 'UsageError'
}

/** Errors the operator can fix (exit 2); everything else is a failure of the operation (exit 1). */
const USAGE_ERRORS = new Set(['ConfigError', 'UsageError', 'CACError'])

/** The one place an error becomes text and an exit code; nothing else prints a stack. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (!(error instanceof Error)) return { message: `unexpected failure: ${String(error)}`, code: EXIT.failed }
  if (USAGE_ERRORS.has(error.name)) return { message: error.message, code: EXIT.usage }
  if (error.name === 'TelemetryError') return { message: error.message, code: EXIT.failed }
  return { message: `unexpected failure: ${error.message}`, code: EXIT.failed }
}

export function writeJSON(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
