import type { ConfigErrorCode } from '@baqup/core'

/**
 * The closed set of error codes of `--json`, stable for scripts: a configuration error's own code
 * (see CONFIG_ERROR_CODES in the core), or one of these.
 */
export type ErrorCode =
  | ConfigErrorCode
  /** The command line is wrong: unknown command or option, a bad value of the CLI's own options or variables. */
  | 'usage'
  /** The request got no answer: connection refused or reset, host not found, TLS, timeout. */
  | 'network'
  /** The server answered, but not with success: an error status, a refused redirect, a body too large or unreadable. */
  | 'bad-answer'
  /** A bug of this tool. */
  | 'internal'

/** One error under `--json`: every key is always there, `null` where it does not apply. */
export interface ErrorJSON {
  code: ErrorCode
  message: string
  /** Where: a file path, a flag (`--log.level`), an environment variable, or the endpoint's URL. */
  source: string | null
  line: number | null
  column: number | null
  /** The configuration option: `entryPoints.web.address`. */
  path: string | null
  suggestion: string | null
  expected: string | null
  found: string | null
  /** Operation failures only: `version-check` or `usage-report`, and the server's status if it answered. */
  operation?: string
  status?: number | null
}

interface Fields {
  code?: unknown
  source?: unknown
  line?: unknown
  column?: unknown
  path?: unknown
  suggestion?: unknown
  expected?: unknown
  found?: unknown
  operation?: unknown
  url?: unknown
  status?: unknown
}

const text = (value: unknown) => (typeof value === 'string' ? value : null)
const number = (value: unknown) => (typeof value === 'number' ? value : null)

function codeOf(error: Error, fields: Fields): ErrorCode {
  if (error.name === 'ConfigError')
    return typeof fields.code === 'string' ? (fields.code as ConfigErrorCode) : 'invalid-configuration'
  if (error.name === 'UsageError' || error.name === 'CACError') return 'usage'
  if (error.name === 'TelemetryError') return fields.status === undefined ? 'network' : 'bad-answer'
  return 'internal'
}

/** An error as `--json` prints it; `message` is the text the CLI prints without `--json`. */
export function errorJSON(error: unknown, message: string): ErrorJSON {
  const fields: Fields = error instanceof Error ? (error as Fields) : {}
  const code = error instanceof Error ? codeOf(error, fields) : 'internal'
  const operationFailure = code === 'network' || code === 'bad-answer'
  return {
    code,
    message,
    source: text(operationFailure ? fields.url : fields.source),
    line: number(fields.line),
    column: number(fields.column),
    path: text(fields.path),
    suggestion: text(fields.suggestion),
    expected: text(fields.expected),
    found: text(fields.found),
    ...(operationFailure ? { operation: text(fields.operation) ?? 'unknown', status: number(fields.status) } : {}),
  }
}
