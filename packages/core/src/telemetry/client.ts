import type { ExchangeTrace } from './outcome.js'

/** What the telemetry HTTP client is given and what it answers; http.ts implements it. */

/** A request exactly as sent, and as `inspect` shows it: `headers` are the wire's, in order (wire.ts). */
export interface TelemetryRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

export interface SendOptions {
  signal?: AbortSignal
  /** Redirects a request without a body may follow (see redirects.ts); default none. */
  maxRedirects?: number
  /** Filled in as the exchange goes: whether and where the request was written, and how it ended. */
  trace?: ExchangeTrace
}

export interface HttpAnswer {
  /** The URL that answered (the last one, after redirects). */
  url: string
  status: number
  statusText: string
  body: string
}

/** The HTTP client of telemetry. */
export interface TelemetryClient {
  send(request: TelemetryRequest, options?: SendOptions): Promise<HttpAnswer>
}
