import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { TelemetryRequest } from '../../src/telemetry/client.js'
import { createTelemetryClient } from '../../src/telemetry/http.js'
import { locationShown, MAX_REDIRECTS, redirectProblem } from '../../src/telemetry/redirects.js'
import { performRequest } from '../../src/telemetry/request.js'
import { startServer, type TestServer } from '../support/http-server.js'
import { failure } from '../support/telemetry-failure.js'
import { LOCALHOST_TLS, trustingDispatcher } from '../support/tls.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
async function plain(handler: Parameters<typeof startServer>[0] = (_request, response) => response.end('[]')) {
  const server = await startServer(handler)
  servers.push(server)
  return server
}
async function secure(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler, { tls: LOCALHOST_TLS })
  servers.push(server)
  return server
}
const redirectTo =
  (location: string, status = 307) =>
  (_request: unknown, response: ServerResponse) => {
    response.writeHead(status, { location })
    response.end()
  }

const client = () => createTelemetryClient({ dispatcher: trustingDispatcher() })
const report = (url: string): TelemetryRequest => ({ method: 'POST', url, headers: {}, body: '{"secret":"body"}' })
const check = (url: string): TelemetryRequest => ({ method: 'GET', url, headers: { 'User-Agent': 'test/1' } })
const versionCheck = (url: string) =>
  performRequest(client(), 'version-check', check(url), { maxRedirects: MAX_REDIRECTS })

describe('a request with a body (the usage report) follows no redirect', () => {
  it.each([301, 302, 303, 307, 308])('https → plain http on another port (%i): nothing reaches it', async (status) => {
    const downgraded = await plain()
    const target = `http://user:pa55@127.0.0.1:${new URL(downgraded.url).port}/downgraded/t0ken?key=s3cret`
    const origin = await secure(redirectTo(target, status))
    const error = await failure(performRequest(client(), 'usage-report', report(`${origin.url}c`)))
    expect(downgraded.requests).toEqual([])
    expect(origin.requests).toHaveLength(1)
    expect(error.status).toBe(status)
    expect(error.reason).toBe(
      `redirect (${status}) to http://127.0.0.1:${new URL(downgraded.url).port} not followed: a request with a body is never sent on`,
    )
    expect(error.message).not.toMatch(/pa55|t0ken|s3cret|downgraded/)
  })

  it('not even to the same origin', async () => {
    const origin = await plain((request, response) =>
      request.url === '/moved' ? response.end('{}') : redirectTo('/moved', 308)(request, response),
    )
    const error = await failure(performRequest(client(), 'usage-report', report(origin.url)))
    expect(error.reason).toMatch(/^redirect \(308\) to http:\/\/127\.0\.0\.1:\d+ not followed/)
    expect(origin.requests.map((request) => request.url)).toEqual(['/'])
  })
})

describe('a request without a body (the version check) follows at most 3 redirects, same origin or https only', () => {
  it('follows a redirect to the same origin', async () => {
    const server = await plain((request, response) =>
      request.url === '/releases' ? response.end('[]') : redirectTo('/releases', 302)(request, response),
    )
    const answer = await versionCheck(`${server.url}old`)
    expect(answer).toMatchObject({ url: `${server.url}releases`, status: 200 })
  })

  it('follows a redirect to another origin over https, with its own host header', async () => {
    const target = await secure((_request, response) => response.end('[]'))
    const other = target.url.replace('127.0.0.1', 'localhost')
    const origin = await secure(redirectTo(`${other}releases`, 301))
    const answer = await versionCheck(origin.url)
    expect(answer.url).toBe(`${other}releases`)
    expect(origin.requests.map((request) => request.headers.host)).toEqual([new URL(origin.url).host])
    expect(target.requests.map((request) => [request.url, request.headers.host])).toEqual([
      ['/releases', new URL(other).host],
    ])
  })

  it.each([
    ['https → plain http', true],
    ['plain http → plain http on another port', false],
  ])('refuses %s, without connecting to it', async (_name, fromTLS) => {
    const downgraded = await plain()
    const port = new URL(downgraded.url).port
    const handler = redirectTo(`http://127.0.0.1:${port}/downgraded?token=s3cret`, 302)
    const origin = fromTLS ? await secure(handler) : await plain(handler)
    const error = await failure(versionCheck(origin.url))
    expect(downgraded.requests).toEqual([])
    expect(error.reason).toBe(
      `redirect (302) to http://127.0.0.1:${port} refused: only redirects to the same origin or to https: are followed`,
    )
    expect(error.message).not.toMatch(/s3cret|downgraded/)
  })

  it('stops after 3 redirects', async () => {
    const server = await plain((request, response) =>
      redirectTo(`/hop${Number(request.url.slice(4) || 0) + 1}`, 302)(request, response),
    )
    const error = await failure(versionCheck(server.url))
    expect(error.reason).toMatch(/^redirect \(302\) to http:\/\/127\.0\.0\.1:\d+ not followed: more than 3 redirects$/)
    expect(server.requests).toHaveLength(4)
  })

  it('follows none unless asked', async () => {
    const server = await plain(redirectTo('/elsewhere', 302))
    const error = await failure(performRequest(client(), 'version-check', check(server.url)))
    expect(error.reason).toMatch(/not followed: no redirect is$/)
    expect(server.requests).toHaveLength(1)
  })
})

describe('redirectProblem', () => {
  it.each([
    ['https://a.example/x', 'https://b.example/y', undefined],
    ['http://127.0.0.1:1/x', 'http://127.0.0.1:1/y', undefined],
    ['http://127.0.0.1:1/x', 'https://b.example/', undefined],
    ['https://a.example/', 'http://127.0.0.1:1/', 'only redirects to the same origin or to https: are followed'],
    ['http://127.0.0.1:1/', 'http://127.0.0.1:2/', 'only redirects to the same origin or to https: are followed'],
    ['http://127.0.0.1:1/', 'http://localhost:1/', 'only redirects to the same origin or to https: are followed'],
    ['https://a.example/', 'https://u:p@b.example/', 'credentials in the URL are not accepted'],
  ])('%s → %s: %s', (from, to, problem) => {
    expect(redirectProblem(from, to)).toBe(problem)
  })
})

describe('locationShown', () => {
  it.each([
    ['http://user:pw@h.example:81/p/a/t/h?q=1#f', 'http://h.example:81'],
    ['/relative?token=1', 'https://base.example'],
    ['http://[::1', 'an invalid location'],
  ])('%s → %s', (location, shown) => {
    expect(locationShown(location, 'https://base.example/x')).toBe(shown)
  })
})
