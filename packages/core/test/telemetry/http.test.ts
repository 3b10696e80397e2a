import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { endpointProblem } from '../../src/telemetry/endpoint.js'
import { createTelemetryClient } from '../../src/telemetry/http.js'
import { NETWORK_WORDS } from '../../src/telemetry/network-words.js'
import { performRequest } from '../../src/telemetry/request.js'
import { startServer, type TestServer } from '../support/http-server.js'
import { failure } from '../support/telemetry-failure.js'

const servers: TestServer[] = []
async function serve(...args: Parameters<typeof startServer>) {
  const server = await startServer(...args)
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const get = (url: string) => ({ method: 'GET' as const, url, headers: { 'User-Agent': 'test/1' } })

describe('endpointProblem', () => {
  it.each([
    ['https://update.baqup.io/', true],
    ['http://127.0.0.1:8080/', true],
    ['http://127.1/', true],
    ['http://localhost/', true],
    ['http://[::1]:9000/', true],
    ['http://update.baqup.io/', false],
    ['http://10.0.0.1/', false],
    ['http://127.0.0.1.example.com/', false],
    ['http://[::ffff:127.0.0.1]/', false],
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['https://user:secret@update.baqup.io/', false],
    ['not a url', false],
  ])('%s accepted: %s', (url, accepted) => {
    expect(endpointProblem(url) === undefined).toBe(accepted)
  })
})

describe('createTelemetryClient', () => {
  it('refuses a plain http: endpoint before any connection, even through a proxy', async () => {
    // The proxy would see any connection attempt; it must see none.
    const proxy = await serve((_request, response) => response.end())
    const client = createTelemetryClient({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } })
    const error = await failure(performRequest(client, 'version-check', get('http://example.invalid/releases')))
    expect(error.message).toBe(
      'version check failed (http://example.invalid/releases): only https: URLs are accepted (plain http: only for loopback addresses), found http://example.invalid',
    )
    expect(error.operation).toBe('version-check')
    expect(error.status).toBeUndefined()
    expect(proxy.requests).toHaveLength(0)
  })

  it('never echoes credentials or a query string', async () => {
    const error = await failure(
      performRequest(createTelemetryClient(), 'usage-report', get('https://me:s3cret@collect.example/?token=t0k')),
    )
    expect(error.message).not.toMatch(/s3cret|t0k|me:/)
    expect(error.url).toBe('https://collect.example/?…')
  })

  it('reads a small answer and passes the status', async () => {
    const server = await serve((_request, response) => response.end('hello'))
    const answer = await performRequest(createTelemetryClient(), 'version-check', get(`${server.url}x`))
    expect(answer).toEqual({ url: `${server.url}x`, status: 200, body: 'hello' })
    expect(server.requests[0]?.headers['user-agent']).toBe('test/1')
  })

  it('cancels a 5 MiB answer past the 1 MiB cap instead of reading it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      // No content-length: the cap must hold while streaming, not only on the declared size.
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      const pump = () => {
        while (sent < 5 * 1024 * 1024) {
          sent += chunk.length
          if (!response.write(chunk)) return response.once('drain', pump)
        }
        response.end()
      }
      pump()
    })
    const error = await failure(performRequest(createTelemetryClient(), 'version-check', get(server.url)))
    expect(error.reason).toBe('response larger than 1048576 bytes, not read')
  })

  it('refuses an answer whose declared length is over the cap', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': 2048 })
      response.end(Buffer.alloc(2048))
    })
    const error = await failure(
      performRequest(createTelemetryClient({ maxBytes: 1024 }), 'version-check', get(server.url)),
    )
    expect(error.reason).toBe('response larger than 1024 bytes, not read')
  })

  it('gives up on a server that accepts and never answers', async () => {
    const server = await serve(() => {})
    const started = Date.now()
    const error = await failure(
      performRequest(createTelemetryClient({ timeoutMs: 300 }), 'version-check', get(server.url)),
    )
    expect(error.reason).toBe('no answer within 300 ms')
    expect(Date.now() - started).toBeLessThan(10_000)
    await server.abortedCount(1)
  })

  it('gives up on a body that starts and never ends', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200)
      response.write('[')
    })
    const error = await failure(
      performRequest(createTelemetryClient({ timeoutMs: 300 }), 'version-check', get(server.url)),
    )
    expect(error.reason).toBe('no answer within 300 ms')
  })

  it('says so when the connection is refused', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const error = await failure(
      performRequest(createTelemetryClient(), 'version-check', get(`http://127.0.0.1:${port}/`)),
    )
    expect(error.reason).toBe(NETWORK_WORDS.ECONNREFUSED)
  })

  it('stops at once when the caller aborts', async () => {
    const server = await serve(() => {})
    const controller = new AbortController()
    const pending = performRequest(createTelemetryClient(), 'usage-report', get(server.url), {
      signal: controller.signal,
    })
    await server.request()
    controller.abort()
    const error = await failure(pending)
    expect(error.reason).toBe('cancelled')
    await server.abortedCount(1)
  })

  it('turns an invalid proxy setting into a clear error that does not echo it', async () => {
    const client = createTelemetryClient({ env: { HTTPS_PROXY: 'http://user:pa ss@[bad' } })
    const error = await failure(performRequest(client, 'usage-report', get('https://collect.example/')))
    expect(error.reason).toBe('the proxy setting (HTTPS_PROXY / HTTP_PROXY) is not a valid URL')
    expect(error.message).not.toContain('pa ss')
  })
})
