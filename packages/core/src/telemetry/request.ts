import { createHash } from 'node:crypto'
import type { SendOptions, TelemetryClient, TelemetryRequest } from './client.js'
import { endpointProblem } from './endpoint.js'
import { describeCause, TelemetryError, type TelemetryOperation } from './errors.js'
import { newTrace } from './outcome.js'
import { serverMessage } from './server-text.js'

export interface TelemetryAnswer {
  /** The URL that answered (the last one, after redirects). */
  url: string
  status: number
  body: string
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * Sends `request` through the telemetry client. Any failure — refused endpoint or redirect,
 * network, timeout, cancellation, oversized answer, a status outside 2xx — is a TelemetryError
 * naming the last URL the request went to (and, for an error answer, the server's own message).
 */
export async function performRequest(
  client: TelemetryClient,
  operation: TelemetryOperation,
  request: TelemetryRequest,
  options: SendOptions = {},
): Promise<TelemetryAnswer> {
  const problem = endpointProblem(request.url)
  if (problem) throw new TelemetryError({ operation, url: request.url, reason: problem })
  const trace = options.trace ?? newTrace()
  let answer: Awaited<ReturnType<TelemetryClient['send']>>
  try {
    answer = await client.send(request, { ...options, trace })
  } catch (error) {
    const url = trace.url ?? request.url
    throw new TelemetryError({ operation, url, status: trace.status, reason: describeCause(error), cause: error })
  }
  const { status, url } = answer
  if (status < 200 || status > 299) {
    const said = serverMessage(answer.body)
    const reason =
      `the server answered ${status}${answer.statusText ? ` ${answer.statusText.slice(0, 80)}` : ''}` +
      (said === undefined ? '' : `, saying "${said}"`)
    throw new TelemetryError({ operation, url, status, reason })
  }
  return { url, status, body: answer.body }
}
