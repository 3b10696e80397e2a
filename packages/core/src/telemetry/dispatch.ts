import type { Dispatcher } from 'undici'
import { TransportFailure } from './errors.js'

/** One request on the wire: its headers are sent as given, in order (see wire.ts). */
export interface Hop {
  method: 'GET' | 'POST'
  url: string
  headers: Readonly<Record<string, string>>
  body?: string
}

export interface HopAnswer {
  status: number
  statusText: string
  location?: string
  body: string
}

export interface HopOptions {
  signal: AbortSignal
  /** Largest answer body read; past it the exchange is cancelled. */
  maxBytes: number
  /** Called when the request is about to be written to a connection: from then on it may have left. */
  onWrite(): void
  /** Called with the status (and a `Retry-After` header, if any) as soon as they are known, before the body is read. */
  onStatus(status: number, retryAfter?: string): void
}

const tooLarge = (maxBytes: number) =>
  new TransportFailure(`response larger than ${maxBytes} bytes, not read`, { outcome: 'too-large' })

/**
 * One exchange through undici's dispatcher, with no redirect, retry or decoding of its own, and
 * no header added but `host`, `connection` and `content-length`, which the caller gives already.
 */
export function exchangeOnce(dispatcher: Dispatcher, hop: Hop, options: HopOptions): Promise<HopAnswer> {
  const { signal, maxBytes } = options
  const url = new URL(hop.url)
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined
    let settled = false
    const finish = (outcome: { error: unknown } | { answer: HopAnswer }) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      if ('error' in outcome) reject(outcome.error)
      else resolve(outcome.answer)
    }
    const fail = (error: unknown) => {
      finish({ error })
      if (controller && !controller.aborted) controller.abort(error instanceof Error ? error : new Error('aborted'))
    }
    const onAbort = () => fail(signal.reason)
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })

    const chunks: Buffer[] = []
    let received = 0
    let head: Omit<HopAnswer, 'body'> | undefined
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started
        // Abandoned while connecting: the request is not written at all.
        if (settled) return started.abort(new Error('aborted'))
        options.onWrite()
      },
      onResponseStart(_controller, status, headers, statusText) {
        const retryAfter = headers['retry-after']
        options.onStatus(status, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter)
        if (Number(headers['content-length']) > maxBytes) return fail(tooLarge(maxBytes))
        const location = headers.location
        head = { status, statusText: statusText ?? '', ...(typeof location === 'string' && { location }) }
      },
      onResponseData(_controller, chunk) {
        received += chunk.byteLength
        if (received > maxBytes) return fail(tooLarge(maxBytes))
        chunks.push(chunk)
      },
      onResponseEnd() {
        if (head) finish({ answer: { ...head, body: Buffer.concat(chunks).toString('utf8') } })
        else fail(new TransportFailure('the server sent no status line'))
      },
      onResponseError(_controller, error) {
        finish({ error })
      },
    }
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: hop.method,
        headers: Object.entries(hop.headers).flat(),
        body: hop.body === undefined ? null : Buffer.from(hop.body, 'utf8'),
      },
      handler,
    )
  })
}
