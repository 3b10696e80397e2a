import { displayURL } from './endpoint.js'
import { isTLSCode, NETWORK_WORDS, UNKNOWN_TLS_FAILURE } from './network-words.js'
import type { ExchangeOutcome } from './outcome.js'

export type TelemetryOperation = 'version-check' | 'usage-report'

export interface TelemetryErrorDetails {
  operation: TelemetryOperation
  /** The endpoint, as shown: no credentials, no query string. */
  url: string
  /** The HTTP status, when a server answered. */
  status?: number
  /** What went wrong, in a few words (`no answer within 10000 ms`, `404 Not Found`). */
  reason: string
  cause?: unknown
}

export const OPERATION_NAMES: Record<TelemetryOperation, string> = {
  'version-check': 'version check',
  'usage-report': 'usage report',
}

/** Every failure of a telemetry request: one shape, one message format, never a secret in it. */
export class TelemetryError extends Error {
  override name = 'TelemetryError'
  readonly operation: TelemetryOperation
  readonly url: string
  readonly status?: number
  readonly reason: string

  constructor(details: TelemetryErrorDetails) {
    const url = displayURL(details.url)
    super(`${OPERATION_NAMES[details.operation]} failed (${url}): ${details.reason}`, { cause: details.cause })
    this.operation = details.operation
    this.url = url
    this.reason = details.reason
    if (details.status !== undefined) this.status = details.status
  }
}

/** A transport failure below the operation level; turned into a TelemetryError by the caller. */
export class TransportFailure extends Error {
  override name = 'TransportFailure'
  /** What became of the request, when it may have been written already. */
  readonly outcome?: ExchangeOutcome

  constructor(message: string, options: { cause?: unknown; outcome?: ExchangeOutcome } = {}) {
    super(message, { cause: options.cause })
    if (options.outcome) this.outcome = options.outcome
  }
}

/** A few words on why a request failed, digging through the `cause` chain (see network-words.ts). */
export function describeCause(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof TransportFailure) return current.message
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && Object.hasOwn(NETWORK_WORDS, code)) return NETWORK_WORDS[code] as string
    // OpenSSL's own text is no better than its code: this much, and the code to search for.
    if (typeof code === 'string' && isTLSCode(code)) return `${UNKNOWN_TLS_FAILURE} (${code})`
    current = current.cause
  }
  if (error instanceof Error) {
    // The innermost cause says most: fetch's "fetch failed" wraps "bad port", "other side closed"…
    let inner: Error = error
    for (let depth = 0; inner.cause instanceof Error && depth < 5; depth++) inner = inner.cause
    return inner.message.split('\n')[0]?.slice(0, 200) || inner.name
  }
  return 'unknown failure'
}
