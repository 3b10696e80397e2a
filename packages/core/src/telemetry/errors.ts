import { displayURL } from './endpoint.js'

export type TelemetryOperation = 'version-check' | 'usage-report'

export interface TelemetryErrorDetails {
  operation: TelemetryOperation
  /** The endpoint, as shown: no credentials, no query string. */
  url: string
  /** The HTTP status, when a server answered. */
  status?: number
  /** What went wrong, in a few words (`no answer within 10000 ms`, `404 Not Found`). */
  reason: string
  /** For a usage report that reached a server which answered: the SHA-256 of the body sent. */
  bodySha256?: string
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
  readonly bodySha256?: string

  constructor(details: TelemetryErrorDetails) {
    const url = displayURL(details.url)
    super(`${OPERATION_NAMES[details.operation]} failed (${url}): ${details.reason}`, { cause: details.cause })
    this.operation = details.operation
    this.url = url
    this.reason = details.reason
    if (details.status !== undefined) this.status = details.status
    if (details.bodySha256 !== undefined) this.bodySha256 = details.bodySha256
  }
}

/** A transport failure below the operation level; turned into a TelemetryError by the caller. */
export class TransportFailure extends Error {
  override name = 'TransportFailure'
}

/** Network error codes worth naming in plain words. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match the host name',
}

/** A few words on why a request failed, digging through fetch's `cause` chain. */
export function describeCause(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof TransportFailure) return current.message
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NETWORK_CODES[code]) return `${NETWORK_CODES[code]} (${code})`
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
