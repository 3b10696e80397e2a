import { createHash } from 'node:crypto'
import { endpointProblem } from './endpoint.js'
import { describeCause, TelemetryError, type TelemetryOperation } from './errors.js'
import type { TelemetryClient } from './http.js'

/** A request exactly as sent, and as `inspect` shows it. */
export interface TelemetryRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

export interface TelemetryAnswer {
  status: number
  body: string
  /** SHA-256 (hex) of the request body, when there was one. */
  bodySha256?: string
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * Sends `request` through the telemetry client. Any failure — refused endpoint, network, timeout,
 * cancellation, oversized answer, a status outside 2xx — is a TelemetryError.
 */
export async function performRequest(
  client: TelemetryClient,
  operation: TelemetryOperation,
  request: TelemetryRequest,
  signal?: AbortSignal,
): Promise<TelemetryAnswer> {
  const { url } = request
  const problem = endpointProblem(url)
  if (problem) throw new TelemetryError({ operation, url, reason: problem })
  const bodySha256 = request.body === undefined ? undefined : sha256Hex(request.body)
  let response: Awaited<ReturnType<TelemetryClient['raw']>>
  try {
    response = await client.raw<string, 'text'>(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      responseType: 'text',
      ignoreResponseError: true,
      retry: false,
    })
  } catch (error) {
    throw new TelemetryError({ operation, url, reason: describeCause(error), cause: error })
  }
  const { status } = response
  if (status < 200 || status > 299) {
    const reason = `the server answered ${status}${response.statusText ? ` ${response.statusText.slice(0, 80)}` : ''}`
    throw new TelemetryError({ operation, url, status, reason, ...(bodySha256 && { bodySha256 }) })
  }
  return { status, body: typeof response._data === 'string' ? response._data : '', ...(bodySha256 && { bodySha256 }) }
}
