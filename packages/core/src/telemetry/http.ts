import type { Dispatcher } from 'undici'
import type { TelemetryClient, TelemetryRequest } from './client.js'
import { TELEMETRY_LIMITS } from './defaults.js'
import { exchangeOnce, type Hop, type HopAnswer } from './dispatch.js'
import { endpointProblem } from './endpoint.js'
import { describeCause, TransportFailure } from './errors.js'
import { type ExchangeTrace, newTrace } from './outcome.js'
import { createDispatcher, type DispatcherChoice, type Environment, loadUndici } from './proxy.js'
import { locationShown, REDIRECT_STATUSES, redirectProblem } from './redirects.js'
import { wireHeaders } from './wire.js'

export interface TelemetryClientOptions {
  /** Where requests go through; default the client's own (proxy from `env`, else direct). */
  dispatcher?: Dispatcher
  /** Where the proxy variables are read (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`); default none. */
  env?: Environment
  /** Limit for the whole exchange, redirects and body included. */
  timeoutMs?: number
  /** Largest response body read; a larger one is cancelled and the request fails. */
  maxBytes?: number
}

const refused = (message: string) => new TransportFailure(message, { outcome: 'redirect-refused' })

/** The next request after a redirect, or a refusal naming the location by scheme and host only. */
function nextHop(hop: Hop, answer: HopAnswer & { location: string }, followed: number, maxRedirects: number): Hop {
  const shown = `redirect (${answer.status}) to ${locationShown(answer.location, hop.url)}`
  // A body goes to the endpoint it was meant for, or nowhere.
  if (hop.body !== undefined) throw refused(`${shown} not followed: a request with a body is never sent on`)
  if (followed >= maxRedirects) {
    throw refused(`${shown} not followed: ${maxRedirects ? `more than ${maxRedirects} redirects` : 'no redirect is'}`)
  }
  let url: string
  try {
    url = new URL(answer.location, hop.url).href
  } catch {
    throw refused(`${shown} refused`)
  }
  const problem = redirectProblem(hop.url, url)
  if (problem) throw refused(`${shown} refused: ${problem}`)
  return { ...hop, url, headers: wireHeaders(url, hop.headers) }
}

/** A failure in the client's words, with what became of the request. */
function asFailure(error: unknown, timeout: AbortSignal, caller: AbortSignal | undefined): TransportFailure {
  if (error instanceof TransportFailure) return error
  if (timeout.aborted) return timeout.reason as TransportFailure
  if (caller?.aborted) return new TransportFailure('cancelled', { cause: error, outcome: 'cancelled' })
  return new TransportFailure(describeCause(error), { cause: error, outcome: 'connection-lost' })
}

/**
 * The dispatcher, made on the first request (undici is loaded then). A proxy value undici refuses
 * is a problem of its own; any other failure is not remembered: the next request tries again.
 */
function dispatcherOf(options: TelemetryClientOptions): () => Promise<DispatcherChoice> {
  let made: Promise<DispatcherChoice> | undefined
  const make = async (): Promise<DispatcherChoice> => {
    if (options.dispatcher) return { dispatcher: options.dispatcher }
    try {
      return createDispatcher(options.env ?? {}, await loadUndici())
    } catch (error) {
      throw new TransportFailure(`the HTTP client could not be set up (${describeCause(error)})`, { cause: error })
    }
  }
  return () => {
    made ??= make().catch((error: unknown) => {
      made = undefined
      throw error
    })
    return made
  }
}

/**
 * The HTTP client of telemetry: undici's dispatcher underneath (a proxy agent of its own when the
 * given environment names one; nothing global changes), exactly the headers of wire.ts and no
 * other, a timeout on every exchange, a capped response body, redirects followed by hand under
 * the rules of redirects.ts, no retries.
 */
export function createTelemetryClient(options: TelemetryClientOptions = {}): TelemetryClient {
  const timeoutMs = options.timeoutMs ?? TELEMETRY_LIMITS.timeoutMs
  const maxBytes = options.maxBytes ?? TELEMETRY_LIMITS.maxResponseBytes
  const dispatcher = dispatcherOf(options)

  async function exchange(request: TelemetryRequest, signal: AbortSignal, maxRedirects: number, trace: ExchangeTrace) {
    let hop: Hop = { ...request, headers: wireHeaders(request.url, request.headers, request.body) }
    for (let followed = 0; ; followed++) {
      const problem = endpointProblem(hop.url)
      if (problem) throw new TransportFailure(problem)
      const choice = await dispatcher()
      if ('problem' in choice) throw new TransportFailure(choice.problem)
      const current = hop
      const onWrite = () => {
        trace.sent = true
        trace.url = current.url
        trace.status = undefined
        trace.retryAfter = undefined
      }
      const onStatus = (status: number, retryAfter?: string) => {
        trace.status = status
        trace.retryAfter = retryAfter
      }
      const answer = await exchangeOnce(choice.dispatcher, hop, { signal, maxBytes, onWrite, onStatus })
      const { location } = answer
      if (!REDIRECT_STATUSES.has(answer.status) || location === undefined) {
        return { url: hop.url, status: answer.status, statusText: answer.statusText, body: answer.body }
      }
      hop = nextHop(hop, { ...answer, location }, followed, maxRedirects)
    }
  }

  return {
    async send(request, { signal: caller, maxRedirects = 0, trace = newTrace() } = {}) {
      const timeout = new AbortController()
      const timer = setTimeout(
        () => timeout.abort(new TransportFailure(`no answer within ${timeoutMs} ms`, { outcome: 'timeout' })),
        timeoutMs,
      )
      timer.unref()
      const signal = caller ? AbortSignal.any([caller, timeout.signal]) : timeout.signal
      try {
        const answer = await exchange(request, signal, maxRedirects, trace)
        trace.outcome = 'answered'
        return answer
      } catch (error) {
        const failure = asFailure(error, timeout.signal, caller)
        trace.outcome = failure.outcome ?? 'connection-lost'
        throw failure
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
