import type { $Fetch } from 'ofetch'
import { TELEMETRY_LIMITS } from './defaults.js'
import { displayURL, endpointProblem } from './endpoint.js'
import { describeCause, TransportFailure } from './errors.js'
import { createDispatcher, type DispatcherChoice, type Environment, loadUndici } from './proxy.js'

export interface TelemetryClientOptions {
  /** The fetch underneath; default undici's own, with the client's dispatcher. */
  fetch?: typeof globalThis.fetch
  /** Where the proxy variables are read (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`); default none. */
  env?: Environment
  /** Limit for the whole exchange, redirects and body included. */
  timeoutMs?: number
  /** Largest response body read; a larger one is cancelled and the request fails. */
  maxBytes?: number
}

/** An ofetch instance scoped to telemetry (loaded with the first request). */
export type TelemetryClient = Pick<$Fetch, 'raw'>

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const NULL_BODY_STATUSES = new Set([204, 205, 304])

type Hop = { url: string; method: string; headers: Headers; body: RequestInit['body'] }

/** After a redirect, fetch's rules: 303 (and 301/302 of a POST) become a GET without body. */
function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: string
  try {
    url = new URL(location, hop.url).href
  } catch {
    throw new TransportFailure('the server redirected to an invalid location')
  }
  if (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST')) {
    const headers = new Headers(hop.headers)
    headers.delete('content-type')
    return { url, method: 'GET', headers, body: undefined }
  }
  return { ...hop, url }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new TransportFailure(`response larger than ${maxBytes} bytes, not read`)
  if (Number(response.headers.get('content-length')) > maxBytes) {
    response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (!response.body) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    total += value.byteLength
    if (total > maxBytes) {
      reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
}

type Transport = { readonly fetch: typeof globalThis.fetch } & DispatcherChoice

/**
 * The fetch underneath and its dispatcher, made on the first request. A proxy value undici
 * refuses is a problem of its own; any other failure (undici not loading, an agent not made) is a
 * transport failure that is not remembered: the next request tries again.
 */
async function openTransport(options: TelemetryClientOptions): Promise<Transport> {
  try {
    const undici = await loadUndici()
    const fetch = options.fetch ?? (undici.fetch as unknown as typeof globalThis.fetch)
    return { fetch, ...createDispatcher(options.env ?? {}, undici) }
  } catch (error) {
    throw new TransportFailure(`the HTTP client could not be set up (${describeCause(error)})`, { cause: error })
  }
}

function guardedFetch(options: TelemetryClientOptions): typeof globalThis.fetch {
  const timeoutMs = options.timeoutMs ?? TELEMETRY_LIMITS.timeoutMs
  const maxBytes = options.maxBytes ?? TELEMETRY_LIMITS.maxResponseBytes
  let transport: Promise<Transport> | undefined
  async function exchange(first: Hop, signal: AbortSignal): Promise<Response> {
    let hop = first
    for (let redirects = 0; ; redirects++) {
      const problem = endpointProblem(hop.url)
      if (problem)
        throw new TransportFailure(redirects ? `redirect to ${displayURL(hop.url)} refused: ${problem}` : problem)
      transport ??= openTransport(options).catch((error: unknown) => {
        transport = undefined
        throw error
      })
      const opened = await transport
      if ('problem' in opened) throw new TransportFailure(opened.problem)
      const { fetch, dispatcher } = opened
      const init = { method: hop.method, headers: hop.headers, body: hop.body, signal, redirect: 'manual', dispatcher }
      // undici 7's Dispatcher type is not the one Node's bundled fetch types know: same object, other declarations.
      const response = await fetch(hop.url, init as unknown as RequestInit)
      const location = response.headers.get('location')
      if (!REDIRECT_STATUSES.has(response.status) || !location) {
        if (response.status < 200 || response.status > 599) {
          response.body?.cancel().catch(() => {})
          throw new TransportFailure(`invalid HTTP status ${response.status}`)
        }
        const body = await readCapped(response, maxBytes)
        const kept = NULL_BODY_STATUSES.has(response.status) ? null : body
        return new Response(kept, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        })
      }
      response.body?.cancel().catch(() => {})
      if (redirects >= TELEMETRY_LIMITS.maxRedirects) {
        throw new TransportFailure(`more than ${TELEMETRY_LIMITS.maxRedirects} redirects`)
      }
      hop = nextHop(hop, response.status, location)
    }
  }

  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), timeoutMs)
    timer.unref()
    const signal = init.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal
    const hop = { url, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body }
    try {
      return await exchange(hop, signal)
    } catch (error) {
      if (error instanceof TransportFailure) throw error
      if (timeout.signal.aborted) throw new TransportFailure(`no answer within ${timeoutMs} ms`, { cause: error })
      if (init.signal?.aborted) throw new TransportFailure('cancelled', { cause: error })
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
}

/**
 * The HTTP client of telemetry: ofetch over undici's own fetch and a dispatcher of its own (proxy
 * from the given environment), a timeout on every exchange, a capped response body, redirects
 * followed by hand and only to allowed endpoints, no retries. Nothing global changes.
 */
export function createTelemetryClient(options: TelemetryClientOptions = {}): TelemetryClient {
  const fetch = guardedFetch(options)
  let client: Promise<$Fetch> | undefined
  const load = () => {
    client ??= import('ofetch').then(({ createFetch }) => createFetch({ fetch }).create({ retry: false }))
    return client
  }
  return { raw: (async (request, init) => (await load()).raw(request, init)) as $Fetch['raw'] }
}
