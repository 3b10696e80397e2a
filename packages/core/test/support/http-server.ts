import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTLSServer } from 'node:https'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (request: ReceivedRequest, response: ServerResponse, raw: IncomingMessage) => void

export interface TestServer {
  /** `http://127.0.0.1:<port>/` (`https:` when started with `tls`) */
  url: string
  /** Every request received, in order (recorded once its body has arrived). */
  requests: ReceivedRequest[]
  /** Requests whose connection closed before an answer was sent. */
  aborted: number
  /** Resolves with the `n`th request (1-based), when it has arrived. */
  request(n?: number): Promise<ReceivedRequest>
  /** Resolves once `aborted` reaches `n`. */
  abortedCount(n: number): Promise<void>
  close(): Promise<void>
}

/**
 * A real `node:http` server on 127.0.0.1 on a free port (`node:https` with `tls`, see tls.ts);
 * `close()` also drops hanging connections.
 */
export async function startServer(
  handler: Handler,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<TestServer> {
  const requests: ReceivedRequest[] = []
  const waiters: (() => void)[] = []
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter()
  }
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (condition() ? resolve() : waiters.push(check))
      check()
    })
  const listener = (raw: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    raw.on('data', (chunk: Buffer) => chunks.push(chunk))
    raw.on('end', () => {
      const received = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(received)
      response.on('close', () => {
        if (!response.writableFinished) {
          state.aborted++
          notify()
        }
      })
      notify()
      handler(received, response, raw)
    })
  }
  const server = options.tls ? createTLSServer(options.tls, listener) : createServer(listener)
  const state: TestServer = {
    url: '',
    requests,
    aborted: 0,
    request: async (n = 1) => {
      await until(() => requests.length >= n)
      return requests[n - 1] as ReceivedRequest
    },
    abortedCount: (n) => until(() => state.aborted >= n),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return state
}

/** Answers with JSON. */
export function json(response: ServerResponse, value: unknown, status = 200): void {
  const body = JSON.stringify(value)
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  response.end(body)
}
