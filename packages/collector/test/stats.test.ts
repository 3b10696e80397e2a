import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCUMENTED } from '../src/stats/openapi.js'
import { dailySchema, optionSchema, summarySchema } from '../src/stats/schemas.js'
import { openStore } from '../src/store/open.js'
import type { StoredReport, StoredVersionCheck } from '../src/store/store.js'
import { type ClickHouse, clickhouseMissing, startClickHouse } from './support/clickhouse.js'
import { type Running, serve } from './support/collector.js'
import { anonymized, asStored, hashOf } from './support/reports.js'

const MIN = 10
const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayBefore = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10)

/**
 * Two groups built to sit on each side of the threshold: 10 installations (published) and 9
 * (folded). Each group differs in every counted dimension, so each list has one row each side.
 */
interface Group {
  name: string
  size: number
  version: string
  days: string[]
  sections: string[]
  config: Record<string, unknown>
}

const groups: Group[] = [
  {
    name: 'over',
    size: MIN,
    version: '3.1.0',
    days: [dayBefore(1), today],
    sections: ['providers.docker', 'providers.file', 'api', 'log', 'experimental.knative'],
    config: {
      global: { checkNewVersion: true, sendAnonymousUsage: true },
      log: { level: 'DEBUG', maxSize: 50 },
      entryPoints: { web: { address: ':80' }, websecure: { address: ':443' } },
      providers: { docker: {}, file: { directory: '/etc/baqup/dynamic', watch: true } },
      api: { dashboard: true },
      experimental: { knative: true },
      certificatesResolvers: { le: { acme: { httpChallenge: { entryPoint: 'web' } } } },
    },
  },
  {
    name: 'under',
    size: MIN - 1,
    version: '3.0.0',
    days: [dayBefore(1), dayBefore(3)],
    sections: ['providers.swarm', 'metrics.prometheus', 'log'],
    config: {
      log: { level: 'INFO', maxSize: 500 },
      entryPoints: { web: { address: ':80' } },
      providers: { swarm: {} },
      metrics: { prometheus: {} },
      certificatesResolvers: { a: { acme: { tlsChallenge: {} } }, b: { acme: { tlsChallenge: {} } } },
    },
  },
]

const population = groups.flatMap((group) =>
  Array.from({ length: group.size }, (_, index) => ({ group, hash: hashOf(`${group.name}-${index}`), index })),
)

function reportsOf(): StoredReport[] {
  return population.flatMap(({ group, hash, index }) =>
    group.days.flatMap((day) => {
      const config = anonymized(group.config)
      // Twice on a day: a report counts once per (hash, day).
      return [0, 1].map((copy) => ({
        id: `${hash}-${day}-${copy}`,
        day,
        received: `${day}T0${copy}:00:00.000Z`,
        hash,
        version: group.version,
        codename: 'cheddar',
        buildDate: '2025-01-31',
        network: `198.51.${index}.0/24`,
        ip: '',
        configuration: asStored(config),
      }))
    }),
  )
}

const checksOf = (): StoredVersionCheck[] =>
  population.map(({ group, index }) => ({
    day: dayBefore(1),
    received: `${dayBefore(1)}T10:00:00.000Z`,
    version: group.version,
    network: `203.0.${index}.0/24`,
    ip: '',
  }))

/** Distinct installations of the population, counted here without the store, inside [from, to]. */
function expected(from: string, to: string) {
  const seen = population.filter(({ group }) => group.days.some((day) => day >= from && day <= to))
  const by = (key: (member: (typeof seen)[number]) => string[]) => {
    const counts = new Map<string, number>()
    for (const member of seen) for (const k of new Set(key(member))) counts.set(k, (counts.get(k) ?? 0) + 1)
    return counts
  }
  return {
    installations: seen.length,
    versions: by(({ group }) => [group.version]),
    sections: by(({ group }) => group.sections),
    levels: by(({ group }) => [(group.config.log as { level: string }).level]),
  }
}

let folder: string
let clickhouse: ClickHouse | undefined
const engines = [
  { name: 'DuckDB', skip: undefined, start: async () => {}, store: () => join(folder, 'stats.duckdb') },
  {
    name: 'ClickHouse',
    skip: clickhouseMissing,
    start: async () => {
      clickhouse = await startClickHouse()
    },
    store: () => (clickhouse as ClickHouse).storeURL('stats'),
  },
]

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'collector-stats-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const get = async (url: string) => {
  const answer = await fetch(url)
  const type = answer.headers.get('content-type') ?? ''
  return {
    status: answer.status,
    cache: answer.headers.get('cache-control'),
    type,
    body: (type.includes('json') ? await answer.json() : await answer.text()) as any,
  }
}

describe.each(engines)('statistics on $name', (engine) => {
  if (engine.skip) {
    it.skip(`runs against ${engine.name} (${engine.skip})`, () => {})
    return
  }
  let collector: Running

  beforeAll(async () => {
    await engine.start()
    const store = await openStore(engine.store())
    await store.write({ reports: reportsOf(), versionChecks: checksOf(), refusals: [] })
    await store.close()
    collector = await serve([`--store=${engine.store()}`, `--min-count=${MIN}`])
  }, 90_000)

  afterAll(async () => {
    await collector?.stop()
    await clickhouse?.remove()
    clickhouse = undefined
  })

  it('summarizes the window with the counts of the population, each from at least --min-count installations', async () => {
    const { status, cache, body } = await get(`${collector.url}/api/v1/summary?days=7`)
    expect(status).toBe(200)
    expect(cache).toBe('public, max-age=300')
    const summary = summarySchema.parse(body)
    const want = expected(dayBefore(6), today)
    expect(summary).toMatchObject({ days: 7, from: dayBefore(6), to: today, minCount: MIN })
    expect(summary.installations).toBe(want.installations)
    const published = <K extends string>(counts: Map<string, number>, key: K) =>
      [...counts].filter(([, n]) => n >= MIN).map(([name, n]) => ({ [key]: name, installations: n }))
    expect(summary.versions).toEqual(published(want.versions, 'version'))
    // Sections by presence, provider objects by any field set, experimental switches when true; no global option.
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
    expect([...summary.providers].sort(byName)).toEqual(published(want.sections, 'name').sort(byName))
    expect(summary.options).toContainEqual({ path: 'log.level', installations: want.installations })
    expect(summary.installationsByDay).toEqual([
      { day: dayBefore(1), installations: MIN + MIN - 1 },
      { day: today, installations: MIN },
    ])
    expect(summary.entryPoints).toEqual([{ bucket: '2', installations: MIN }])
    expect(summary.certificateResolvers).toEqual([{ bucket: '1', installations: MIN }])
    expect(summary.challenges).toEqual([{ type: 'httpChallenge', installations: MIN }])
    expect(summary.versionChecks).toEqual([{ version: '3.1.0', checks: MIN, networks: MIN }])
  })

  it('leaves out every row of 9 installations and says how many it left out', async () => {
    const { body } = await get(`${collector.url}/api/v1/summary?days=7`)
    const text = JSON.stringify(body)
    for (const hidden of ['3.0.0', 'providers.swarm', 'metrics.prometheus', 'tlsChallenge'])
      expect(text).not.toContain(hidden)
    expect(body.other.versions).toEqual({ buckets: 1 })
    expect(body.other.challenges).toEqual({ buckets: 1 })
    expect(body.other.entryPoints).toEqual({ buckets: 1 })
    expect(body.other.certificateResolvers).toEqual({ buckets: 1 })
    expect(body.other.versionChecks).toEqual({ buckets: 1 })
    expect(body.other.providers.buckets).toBeGreaterThanOrEqual(2)
    const rows = Object.values(body).filter(Array.isArray).flat() as { installations?: number; networks?: number }[]
    for (const row of rows) expect(row.installations ?? row.networks).toBeGreaterThanOrEqual(MIN)
  })

  it('withholds the total of a window with fewer installations than --min-count', async () => {
    const { body } = await get(`${collector.url}/api/v1/summary?days=1`)
    expect(body.installations).toBe(expected(today, today).installations)
    const day3 = await get(`${collector.url}/data/daily/${dayBefore(3)}.json`)
    expect(day3.body.installations).toBeNull()
    expect(day3.body.versions).toEqual([])
  })

  it("gives one option's help, adoption by day and value distribution", async () => {
    const { status, body } = await get(`${collector.url}/api/v1/options/log.level?days=7`)
    expect(status).toBe(200)
    const option = optionSchema.parse(body)
    expect(option).toMatchObject({ path: 'log.level', kind: 'string', export: true, minCount: MIN })
    expect(option.help.length).toBeGreaterThan(0)
    expect(option.adoption).toEqual([
      { day: dayBefore(1), installations: 2 * MIN - 1, of: 2 * MIN - 1 },
      { day: today, installations: MIN, of: MIN },
    ])
    expect(option.values).toEqual([
      { value: 'DEBUG', installations: expected(dayBefore(6), today).levels.get('DEBUG') },
    ])
    expect(option.other.values).toEqual({ buckets: 1 })
    const size = await get(`${collector.url}/api/v1/options/log.maxSize?days=7`)
    expect(size.body.values).toEqual([{ value: '[10,100)', installations: MIN }])
  })

  it('finds a map option by its URL-encoded path, and answers 404 to an unknown one', async () => {
    const encoded = encodeURIComponent('entryPoints.<name>.address')
    const known = await get(`${collector.url}/api/v1/options/${encoded}?days=30`)
    expect(known.status).toBe(200)
    expect(known.body.values).toEqual([])
    const unknown = await get(`${collector.url}/api/v1/options/log.nope`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('unknown-option')
    expect((await get(`${collector.url}/api/v1/summary?days=401`)).status).toBe(400)
    expect((await get(`${collector.url}/api/v1/summary?days=abc`)).status).toBe(400)
  })

  it('serves daily files: immutable once the day is over, briefly cached today, 404 in the future', async () => {
    const past = await get(`${collector.url}/data/daily/${dayBefore(1)}.json`)
    expect(past.status).toBe(200)
    expect(past.cache).toBe('public, max-age=31536000, immutable')
    const file = dailySchema.parse(past.body)
    expect(file).toMatchObject({ day: dayBefore(1), complete: true, installations: 2 * MIN - 1 })
    expect(file.values).toContainEqual({ path: 'api.dashboard', value: 'true', installations: MIN })
    const now = await get(`${collector.url}/data/daily/${today}.json`)
    expect(now.cache).toBe('public, max-age=300')
    expect(now.body.complete).toBe(false)
    const csv = await get(`${collector.url}/data/daily/${dayBefore(1)}.csv`)
    expect(csv.type).toContain('text/csv')
    expect(csv.body.split('\n')).toContain(`versions,3.1.0,,${MIN},,,`)
    expect(csv.body).not.toContain('3.0.0')
    expect((await get(`${collector.url}/data/daily/${dayBefore(-1)}.json`)).status).toBe(404)
    expect((await get(`${collector.url}/data/daily/2025-02-30.json`)).status).toBe(404)
  })

  it('documents each route in openapi.json with the schema its real answer parses with', async () => {
    const { status, body } = await get(`${collector.url}/api/v1/openapi.json`)
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const real = {
      '/api/v1/summary': `${collector.url}/api/v1/summary`,
      '/api/v1/options/{path}': `${collector.url}/api/v1/options/api.dashboard`,
      '/data/daily/{day}.json': `${collector.url}/data/daily/${dayBefore(1)}.json`,
    }
    for (const [route, schema] of Object.entries(DOCUMENTED)) {
      const documented = body.paths[route].get.responses['200'].content['application/json'].schema
      expect(Object.keys(documented.properties).sort()).toEqual(Object.keys(schema.shape).sort())
      const answer = await get(real[route as keyof typeof real])
      expect(schema.safeParse(answer.body).success).toBe(true)
      expect(Object.keys(answer.body).sort()).toEqual(Object.keys(documented.properties).sort())
    }
  })

  it('publishes the 9-installation rows once --min-count is 9', async () => {
    await collector.stop()
    collector = await serve([`--store=${engine.store()}`, `--min-count=${MIN - 1}`])
    const { body } = await get(`${collector.url}/api/v1/summary?days=7`)
    expect(body.versions).toContainEqual({ version: '3.0.0', installations: MIN - 1 })
    expect(body.challenges).toContainEqual({ type: 'tlsChallenge', installations: MIN - 1 })
    expect(body.certificateResolvers).toContainEqual({ bucket: '2', installations: MIN - 1 })
    expect(body.other.versions).toEqual({ buckets: 0 })
  })
})
