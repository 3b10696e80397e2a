import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../src/config/schema.js'
import { createCollector } from '../src/server/app.js'
import type { LogLevel } from '../src/server/log.js'
import { openDuckDB } from '../src/store/duckdb.js'
import type { Store } from '../src/store/store.js'
import { runBin, serve } from './support/collector.js'
import { capturedLog } from './support/log.js'
import { anonymized, post, report } from './support/reports.js'

let folder: string
let store: Store
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'collector-logging-'))
  store = await openDuckDB(join(folder, 'collector.duckdb'))
})
afterAll(async () => {
  await store?.close()
  rmSync(folder, { recursive: true, force: true })
})

function collectorLogging(level: LogLevel = 'info') {
  const log = capturedLog(level)
  const config = collectorConfigSchema.parse({ store: 'unused', trustProxy: '127.0.0.1' })
  return { log, collector: createCollector({ config, store, logger: log.logger }) }
}

describe("the collector's log", () => {
  it('writes a request as its method, route pattern, status and milliseconds: no URL, query, address, header or body', async () => {
    const { log, collector } = collectorLogging()
    const headers = { 'x-forwarded-for': '198.51.100.7', 'user-agent': 'baqup/3.1.0 secret-agent', cookie: 'c=1' }
    await collector.app.inject({ method: 'GET', url: '/api/v1/summary?days=7&who=alice', headers })
    await collector.app.inject({ method: 'GET', url: '/api/v1/options/log.level?days=8', headers })
    await collector.app.inject({ method: 'POST', url: '/?token=t0ken', headers, payload: { secret: 'b0dy' } })
    await collector.app.inject({ method: 'GET', url: '/nowhere/198.51.100.7', headers })
    await collector.close()
    const requests = log.lines.filter((line) => line.event === 'request')
    expect(requests.map(({ req, res }) => [req, (res as { status: number }).status])).toEqual([
      [{ method: 'GET', route: '/api/v1/summary' }, 200],
      [{ method: 'GET', route: '/api/v1/options/*' }, 400],
      [{ method: 'POST', route: '/' }, 400],
      [{ method: 'GET', route: 'unknown' }, 404],
    ])
    for (const line of requests) {
      expect(line).toEqual({
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        event: 'request',
        req: expect.any(Object),
        res: { status: expect.any(Number), ms: expect.any(Number) },
      })
    }
    const text = JSON.stringify(log.lines)
    for (const leak of ['198.51.100', '127.0.0.1', 'alice', 'days=', 't0ken', 'b0dy', 'secret', 'cookie', 'nowhere'])
      expect(text).not.toContain(leak)
    expect(log.lines).toContainEqual(expect.objectContaining({ event: 'report-refused', code: 'bad-field' }))
  })

  it('is levelled: at warn, no request lines, and the refusals are counted but not written', async () => {
    const { log, collector } = collectorLogging('warn')
    await collector.app.inject({ method: 'POST', url: '/', payload: {} })
    await collector.app.inject({ method: 'GET', url: '/healthz' })
    await collector.close()
    expect(log.lines).toEqual([])
  })
})

describe('baqup-collector serve --log-level', () => {
  const config = anonymized({ log: { level: 'INFO' } })

  it.each([
    ['info', ['request', 'report-refused', 'closing']],
    ['warn', []],
  ])('%s: JSON lines on stderr with their level, from that level up', { timeout: 60_000 }, async (level, events) => {
    const releases = join(folder, 'releases.json')
    writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.1.0', draft: false, prerelease: false }]))
    const collector = await serve([
      `--store=${join(folder, `served-${level}.duckdb`)}`,
      `--releases=${releases}`,
      `--log-level=${level}`,
    ])
    expect((await post(collector.url, report(config))).status).toBe(200)
    expect((await post(collector.url, { version: '3.1.0' })).status).toBe(400)
    expect(await collector.stop()).toBe(0)
    const lines = collector
      .stderr()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; event?: string })
    expect([...new Set(lines.map((line) => line.event).filter((event) => event !== 'server'))]).toEqual(events)
    if (level === 'warn') expect(lines).toEqual([])
  })

  it('refuses a level it does not know as a usage error naming the option', async () => {
    const result = await runBin(['stats', `--store=${join(folder, 'stats.duckdb')}`, '--log-level=loud'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^baqup-collector: --log-level: /)
  })
})
