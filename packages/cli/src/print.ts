import { type ErrorJSON, errorJSON } from './error-json.js'

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export interface UsageErrorDetails {
  /** What the operator typed wrong: `--jsno`, `--format`, `BAQUP_TELEMETRY_UPDATE_URL`, a command name. */
  source?: string
  /** What they probably meant: `--json`. */
  suggestion?: string
}

/** A mistake on the command line or in the CLI's own environment variables: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  readonly source?: string
  readonly suggestion?: string

  constructor(message: string, details: UsageErrorDetails = {}) {
    super(message)
    if (details.source !== undefined) this.source = details.source
    if (details.suggestion !== undefined) this.suggestion = details.suggestion
  }
}

/** Errors the operator can fix (exit 2); everything else is a failure of the operation (exit 1). */
const USAGE_ERRORS = new Set(['ConfigError', 'UsageError', 'CACError'])

/** The errors one failure stands for: those it gathers (a loader reporting several at once), or itself. */
export function failuresOf(error: unknown): unknown[] {
  const gathered = error instanceof Error ? (error as { errors?: unknown }).errors : undefined
  return Array.isArray(gathered) && gathered.length > 0 ? gathered : [error]
}

const isUsage = (error: unknown) => error instanceof Error && USAGE_ERRORS.has(error.name)

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return `unexpected failure: ${String(error)}`
  if (isUsage(error) || error.name === 'TelemetryError') return error.message
  return `unexpected failure: ${error.message}`
}

/** How many errors a gathering error left out of its list (`… and 5 more`), or 0. */
function moreOf(error: unknown): number {
  const more = error instanceof Error ? (error as { more?: unknown }).more : undefined
  return typeof more === 'number' && more > 0 ? more : 0
}

/** The one place an error becomes text and an exit code; nothing else prints a stack. */
export function describeFailure(error: unknown): { messages: string[]; code: number } {
  const failures = failuresOf(error)
  const more = moreOf(error)
  const messages = [...failures.map(messageOf), ...(more > 0 ? [`… and ${more} more`] : [])]
  return { messages, code: failures.every(isUsage) ? EXIT.usage : EXIT.failed }
}

/**
 * `{"error": the first, "errors": all of them}`: `errors` is always there, so that a script reads
 * one list whether the loader stopped at the first mistake or gathered several; `more` counts
 * those left out of a long list.
 */
export function errorDocument(error: unknown): { error: ErrorJSON; errors: ErrorJSON[]; more?: number } {
  const errors = failuresOf(error).map((failure) => errorJSON(failure, messageOf(failure)))
  const more = moreOf(error)
  return { error: errors[0] as ErrorJSON, errors, ...(more > 0 ? { more } : {}) }
}

/** Says the failure — as one JSON document on stdout under `--json`, else as lines on stderr — and returns the exit code. */
export function reportFailure(error: unknown, json: boolean): number {
  const { messages, code } = describeFailure(error)
  if (json) writeJSON(errorDocument(error))
  else process.stderr.write(messages.map((message) => `baqup-telemetry: ${message}\n`).join(''))
  return code
}

export function writeJSON(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
