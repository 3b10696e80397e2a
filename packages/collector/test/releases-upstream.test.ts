import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../src/config/schema.js'
import { type Collector, createCollector } from '../src/server/app.js'
import { openDuckDB } from '../src/store/duckdb.js'
import type { Store } from '../src/store/store.js'
import { capturedLog } from './support/log.js'

const MINUTE = 60_000
const release = (tag: string) => [{ tag_name: tag, draft: false, prerelease: false }]

/** A real upstream on 127.0.0.1 whose answer the test changes, counting the requests it gets. */
async function startUpstream(port = 0) {
  const upstream = { status: 200, body: JSON.stringify(release('v3.1.0')), hits: 0 }
  const server: Server = createServer((_request, response) => {
    upstream.hits++
    response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(upstream.body)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const bound = (server.address() as AddressInfo).port
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections())
  return { upstream, url: `http://127.0.0.1:${bound}/releases`, port: bound, stop }
}

let folder: string
let store: Store
const opened: Collector[] = []
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'collector-upstream-'))
  store = await openDuckDB(join(folder, 'collector.duckdb'))
})
afterAll(async () => {
  for (const collector of opened) await collector.close()
  await store?.close()
  rmSync(folder, { recursive: true, force: true })
})

/** A collector on 127.0.0.1 whose clock the test moves; `get` asks it for the release list. */
async function startCollector(releasesUpstream: string) {
  let time = Date.parse('2025-03-01T12:00:00Z')
  const log = capturedLog()
  const config = collectorConfigSchema.parse({ store: 'unused', releasesUpstream })
  const collector = createCollector({
    config,
    store,
    now: () => new Date(time),
    logger: log.logger,
  })
  opened.push(collector)
  const base = await collector.app.listen({ host: '127.0.0.1', port: 0 })
  const get = async () => {
    const answer = await fetch(`${base}/repos/baqupio/baqup/releases`, { headers: { 'user-agent': 'baqup/3.0.0' } })
    return { status: answer.status, body: (await answer.json()) as unknown }
  }
  const warnings = () =>
    log.events().flatMap(({ event, ...fields }) => (event === 'request' ? [] : [`${event} ${JSON.stringify(fields)}`]))
  return { get, warnings, advance: (ms: number) => (time += ms) }
}

describe('--releases-upstream', () => {
  it('asks the upstream at most every 10 minutes and serves the new copy once it has it', async () => {
    const { upstream, url, stop } = await startUpstream()
    const collector = await startCollector(url)
    expect(await collector.get()).toEqual({ status: 200, body: release('v3.1.0') })
    collector.advance(9 * MINUTE)
    upstream.body = JSON.stringify(release('v3.2.0'))
    for (let i = 0; i < 5; i++) expect((await collector.get()).body).toEqual(release('v3.1.0'))
    expect(upstream.hits).toBe(1)
    collector.advance(MINUTE)
    await expect.poll(async () => (await collector.get()).body).toEqual(release('v3.2.0'))
    expect(upstream.hits).toBe(2)
    await stop()
  })

  type Upstream = Awaited<ReturnType<typeof startUpstream>>
  const failures: [string, (up: Upstream) => Promise<unknown>, (up: Upstream) => Promise<Upstream>][] = [
    [
      'answers 500',
      async (up) => (up.upstream.status = 500),
      async (up) => {
        up.upstream.status = 200
        return up
      },
    ],
    [
      'answers something that is not a release list',
      async (up) => (up.upstream.body = '{"message":"rate limited"}'),
      async (up) => up,
    ],
    ['is down', (up) => up.stop(), (up) => startUpstream(up.port)],
  ]

  it.each(failures)(
    'serves the last good copy while the upstream %s; asks again 10 minutes later',
    async (_name, fail, recover) => {
      const up = await startUpstream()
      const collector = await startCollector(up.url)
      expect((await collector.get()).body).toEqual(release('v3.1.0'))
      await fail(up)
      collector.advance(10 * MINUTE)
      expect(await collector.get()).toEqual({ status: 200, body: release('v3.1.0') })
      await expect.poll(() => collector.warnings().join('\n')).toMatch(/releases-upstream-failed.*"servingCached":true/)
      const hits = up.upstream.hits
      for (let i = 0; i < 3; i++) expect(await collector.get()).toEqual({ status: 200, body: release('v3.1.0') })
      collector.advance(9 * MINUTE)
      expect((await collector.get()).body).toEqual(release('v3.1.0'))
      expect(up.upstream.hits).toBe(hits)

      const back = await recover(up)
      back.upstream.body = JSON.stringify(release('v3.3.0'))
      collector.advance(MINUTE)
      await expect.poll(async () => (await collector.get()).body).toEqual(release('v3.3.0'))
      await back.stop()
    },
  )

  it('answers 503 no-releases while the upstream has never answered well', async () => {
    const { upstream, url, stop } = await startUpstream()
    upstream.status = 500
    const collector = await startCollector(url)
    const answer = await collector.get()
    expect(answer.status).toBe(503)
    expect(answer.body).toMatchObject({ error: { code: 'no-releases' } })
    await stop()
  })
})
