import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TelemetryError } from '../../src/telemetry/errors.js'
import { createTelemetryClient } from '../../src/telemetry/http.js'
import { NETWORK_WORDS } from '../../src/telemetry/network-words.js'
import { buildVersionRequest, checkNewVersion, compareReleases } from '../../src/telemetry/version-check.js'
import { json, startServer, type TestServer } from '../support/http-server.js'

/** What the update server answers, by path prefix: `/<name>/repos/baqupio/baqup/releases`. */
const answers: Record<string, (response: import('node:http').ServerResponse) => void> = {
  releases: (r) =>
    json(r, [
      { tag_name: 'v3.2.0-rc.1', draft: false, prerelease: true },
      { tag_name: 'v3.1.0', draft: false, prerelease: false },
      { tag_name: 'v3.0.2', draft: false, prerelease: false },
    ]),
  drafts: (r) =>
    json(r, [
      { tag_name: 'v9.0.0', draft: true, prerelease: false },
      { tag_name: 'v3.0.0', draft: false, prerelease: false },
    ]),
  malformed: (r) =>
    json(r, [{ tag_name: 'latest' }, { tag_name: 42 }, null, 'v9.9.9', { draft: false }, { tag_name: 'v3.0.1' }]),
  missing: (r) => json(r, { message: 'Not Found' }, 404),
  broken: (r) => json(r, { message: 'oops' }, 500),
  garbage: (r) => {
    r.writeHead(200, { 'content-type': 'application/json' })
    r.end('<html>not json')
  },
  object: (r) => json(r, { tag_name: 'v9.0.0' }),
  huge: (r) => {
    r.writeHead(200, { 'content-type': 'application/json' })
    r.end(`[${'{"tag_name":"v9.9.9"},'.repeat(250_000)}{}]`)
  },
  silent: () => {},
  elsewhere: (r) => {
    r.writeHead(301, { location: 'http://example.invalid/repos/baqupio/baqup/releases' })
    r.end()
  },
}

let server: TestServer
beforeAll(async () => {
  server = await startServer((request, response) => {
    const name = request.url.split('/')[1] ?? ''
    const answer = answers[name]
    if (answer) answer(response)
    else json(response, [], 404)
  })
})
afterAll(() => server.close())

const client = createTelemetryClient()
const check = (version: string, name = 'releases') =>
  checkNewVersion({ version, updateURL: `${server.url}${name}/`, client })

describe('buildVersionRequest', () => {
  it('asks the releases of baqupio/baqup with the product and version as User-Agent', () => {
    expect(buildVersionRequest({ version: '3.0.0' })).toEqual({
      method: 'GET',
      url: 'https://update.baqup.io/repos/baqupio/baqup/releases',
      headers: {
        host: 'update.baqup.io',
        connection: 'close',
        'User-Agent': 'baqup/3.0.0',
        Accept: 'application/json',
      },
    })
  })

  it('takes another product, repository and a base URL without trailing slash', () => {
    const request = buildVersionRequest({
      version: '1.0.0',
      updateURL: 'https://api.example/v3',
      repository: 'o/r',
      userAgent: 'tool',
    })
    expect(request.url).toBe('https://api.example/v3/repos/o/r/releases')
    expect(request.headers['User-Agent']).toBe('tool/1.0.0')
  })
})

describe('checkNewVersion against a real server', () => {
  it('finds a newer stable release, and sends the expected request', async () => {
    const before = server.requests.length
    expect(await check('3.0.2')).toEqual({ current: '3.0.2', newest: 'v3.1.0', newer: true })
    const request = server.requests[before]
    expect(request?.method).toBe('GET')
    expect(request?.url).toBe('/releases/repos/baqupio/baqup/releases')
    expect(request?.headers['user-agent']).toBe('baqup/3.0.2')
  })

  it('says up to date when the running version is the newest stable one', async () => {
    expect(await check('3.1.0')).toEqual({ current: '3.1.0', newest: 'v3.1.0', newer: false })
    expect(await check('v3.1.0')).toMatchObject({ newer: false })
  })

  it('ignores prereleases for a stable running version', async () => {
    // v3.2.0-rc.1 is the highest tag, but a stable installation is not pointed at a release candidate.
    expect(await check('3.1.0')).toMatchObject({ newest: 'v3.1.0', newer: false })
  })

  it('shows newer prereleases to a prerelease running version', async () => {
    expect(await check('3.2.0-beta.2')).toEqual({ current: '3.2.0-beta.2', newest: 'v3.2.0-rc.1', newer: true })
    expect(await check('3.2.0-rc.1')).toMatchObject({ newer: false })
  })

  it('ignores drafts', async () => {
    expect(await check('3.0.0', 'drafts')).toEqual({ current: '3.0.0', newest: 'v3.0.0', newer: false })
  })

  it('skips malformed releases and tags instead of failing', async () => {
    expect(await check('3.0.0', 'malformed')).toEqual({ current: '3.0.0', newest: 'v3.0.1', newer: true })
  })

  it.each(['dev', '', 'not-a-version', '3.0'])('skips version %j without any request', async (version) => {
    const before = server.requests.length
    const result = await check(version)
    expect(result.newer).toBe(false)
    expect(result.skipped).toMatch(/is not a release version/)
    expect(server.requests.length).toBe(before)
  })

  it.each([
    // With what the server said (GitHub's `{"message"}` here), made printable.
    ['missing', 404, 'the server answered 404 Not Found, saying "Not Found"'],
    ['broken', 500, 'the server answered 500 Internal Server Error, saying "oops"'],
    ['garbage', 200, 'the answer is not JSON'],
    ['object', 200, 'the answer is not a list of releases'],
  ])('fails with a TelemetryError on %s', async (name, status, reason) => {
    const error = await check('3.0.0', name).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TelemetryError)
    expect(error).toMatchObject({ operation: 'version-check', status, reason })
    expect((error as Error).message).toBe(
      `version check failed (${server.url}${name}/repos/baqupio/baqup/releases): ${reason}`,
    )
  })
})

describe('checkNewVersion against a hostile or absent server', () => {
  const failing = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(TelemetryError)
    return error as TelemetryError
  }

  it('refuses a 5 MiB answer', async () => {
    const error = await failing(check('3.0.0', 'huge'))
    expect(error.reason).toBe('response larger than 1048576 bytes, not read')
  })

  it('gives up on a server that accepts and never answers', async () => {
    const started = Date.now()
    const quick = createTelemetryClient({ timeoutMs: 200 })
    const error = await failing(checkNewVersion({ version: '3.0.0', updateURL: `${server.url}silent/`, client: quick }))
    expect(error.reason).toBe('no answer within 200 ms')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('says the connection was refused', async () => {
    const closed = await startServer(() => {})
    const { url } = closed
    await closed.close()
    const error = await failing(checkNewVersion({ version: '3.0.0', updateURL: url, client }))
    expect(error.reason).toBe(NETWORK_WORDS.ECONNREFUSED)
  })

  it('refuses a redirect to plain http: on another host', async () => {
    const error = await failing(check('3.0.0', 'elsewhere'))
    expect(error.reason).toBe(
      'redirect (301) to http://example.invalid refused: only https: URLs are accepted (plain http: only for loopback addresses), found http://example.invalid',
    )
  })
})

describe('compareReleases', () => {
  it.each([
    ['1.0.0', [{ tag_name: '1.0.1', prerelease: false }], '1.0.1', true],
    // A tag with a prerelease part counts as a prerelease even when the flag says otherwise.
    ['1.0.0', [{ tag_name: '1.1.0-rc.1', prerelease: false }], undefined, false],
    ['1.1.0-rc.1', [{ tag_name: '1.1.0' }, { tag_name: '1.1.0-rc.2' }], '1.1.0', true],
    ['2.0.0', [{ tag_name: '1.9.9' }], '1.9.9', false],
    ['1.0.0', [], undefined, false],
  ])('%s against %j → newest %s, newer %s', (current, releases, newest, newer) => {
    const result = compareReleases(current, JSON.stringify(releases))
    expect(result).toEqual({ current, newer, ...(newest && { newest }) })
  })
})
