import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTelemetryClient } from '../../src/telemetry/http.js'
import { createDispatcher, INVALID_PROXY, loadUndici, proxyVariable } from '../../src/telemetry/proxy.js'
import { performRequest } from '../../src/telemetry/request.js'
import { json, startServer, type TestServer } from '../support/http-server.js'

/** A small forward proxy on 127.0.0.1: CONNECT tunnels and absolute-form requests, each one recorded. */
async function startProxy() {
  const seen: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`)
    const upstream = httpRequest(request.url ?? '', { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  server.on('connection', (socket) => sockets.add(socket))
  server.on('connect', (request, client: Socket, head) => {
    seen.push(`CONNECT ${request.url}`)
    const [host = '', port = ''] = (request.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

let target: TestServer
let proxy: Awaited<ReturnType<typeof startProxy>>
beforeAll(async () => {
  target = await startServer((_request, response) => json(response, []))
  proxy = await startProxy()
})
afterAll(async () => {
  await target.close()
  await proxy.close()
})

const get = (url: string) => ({ method: 'GET' as const, url, headers: { 'User-Agent': 'baqup/3.0.0' } })
const targetHost = () => new URL(target.url).host

describe('telemetry client behind a proxy', () => {
  it('sends its request through the proxy named in the given environment', async () => {
    const client = createTelemetryClient({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '' } })
    const before = proxy.seen.length
    await performRequest(client, 'version-check', get(`${target.url}releases`))
    expect(proxy.seen.slice(before)).toEqual([`CONNECT ${targetHost()}`])
    expect(target.requests.at(-1)?.url).toBe('/releases')
  })

  it('reads the lower-case variable too', async () => {
    const client = createTelemetryClient({ env: { http_proxy: proxy.url } })
    const before = proxy.seen.length
    await performRequest(client, 'version-check', get(target.url))
    expect(proxy.seen.length).toBe(before + 1)
  })

  it('honours NO_PROXY', async () => {
    const client = createTelemetryClient({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } })
    const before = proxy.seen.length
    await performRequest(client, 'version-check', get(target.url))
    expect(proxy.seen.length).toBe(before)
  })

  it('changes nothing else in the process: a plain global fetch goes direct', async () => {
    const client = createTelemetryClient({ env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } })
    await performRequest(client, 'usage-report', { ...get(target.url), method: 'POST', body: '{}' })
    const before = proxy.seen.length
    const requestsBefore = target.requests.length
    const response = await fetch(`${target.url}direct`)
    await response.text()
    expect(proxy.seen.length).toBe(before)
    expect(target.requests.slice(requestsBefore).map((r) => r.url)).toEqual(['/direct'])
  })

  it('without proxy variables, goes direct', async () => {
    const before = proxy.seen.length
    await performRequest(createTelemetryClient({ env: {} }), 'version-check', get(target.url))
    expect(proxy.seen.length).toBe(before)
  })
})

describe('proxyVariable', () => {
  it.each([
    [{ https_proxy: 'http://a', HTTPS_PROXY: 'http://b' }, 'http://a'],
    [{ HTTPS_PROXY: 'http://b' }, 'http://b'],
    [{ Https_Proxy: 'http://c' }, 'http://c'],
    [{ https_proxy: '  ', HTTPS_PROXY: 'http://b' }, 'http://b'],
    [{}, undefined],
  ])('%j → %s', (env, expected) => {
    expect(proxyVariable(env, 'https_proxy')).toBe(expected)
  })
})

describe('createDispatcher', () => {
  it('makes a direct agent without proxy variables, a proxy agent with one', async () => {
    const undici = await loadUndici()
    const direct = createDispatcher({}, undici)
    const proxied = createDispatcher({ HTTPS_PROXY: 'http://127.0.0.1:3128' }, undici)
    expect('dispatcher' in direct && direct.dispatcher).toBeInstanceOf(undici.Agent)
    expect('dispatcher' in proxied && proxied.dispatcher).toBeInstanceOf(undici.EnvHttpProxyAgent)
  })

  it('names a proxy value undici refuses without echoing it', async () => {
    const choice = createDispatcher({ HTTPS_PROXY: 'http://user:pa ss@[bad' }, await loadUndici())
    expect(choice).toEqual({ problem: INVALID_PROXY })
  })

  it('lets any other failure through as it is, never as a proxy problem', async () => {
    const { EnvHttpProxyAgent } = await loadUndici()
    class BrokenAgent {
      constructor() {
        throw new Error('no sockets left')
      }
    }
    const undici = { Agent: BrokenAgent, EnvHttpProxyAgent } as unknown as Parameters<typeof createDispatcher>[1]
    expect(() => createDispatcher({}, undici)).toThrow('no sockets left')
  })
})
