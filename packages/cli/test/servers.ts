import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Answer {
  status: number
  body: string
  headers?: Record<string, string>
}

export interface TestServer {
  /** Base URL with a trailing slash: `http://127.0.0.1:PORT/`. */
  url: string
  received: ReceivedRequest[]
}

const open = new Set<Server>()

afterEach(async () => {
  await Promise.all([...open].map((server) => new Promise((resolve) => server.close(resolve).closeAllConnections())))
  open.clear()
})

/** A real HTTP server on 127.0.0.1 that records every request and answers with `answer`; closed after each test. */
export async function startServer(answer: Answer | ((request: ReceivedRequest) => Answer)): Promise<TestServer> {
  const received: ReceivedRequest[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body }
      received.push(request)
      const { status, body: text, headers } = typeof answer === 'function' ? answer(request) : answer
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text)
    })
  })
  open.add(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, received }
}

/** A loopback URL where nothing listens: a port the system gave us and we released. */
export async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/`
}

/** A GitHub releases answer. */
export function releases(...tags: (string | { tag: string; draft?: boolean; prerelease?: boolean })[]): Answer {
  const list = tags.map((entry) => {
    const { tag, draft = false, prerelease = false } = typeof entry === 'string' ? { tag: entry } : entry
    return { tag_name: tag, name: tag, draft, prerelease, html_url: `https://example.test/releases/${tag}` }
  })
  return { status: 200, body: JSON.stringify(list) }
}
