import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Collector } from '../src/server/app.js'
import { DOCUMENTED } from '../src/stats/openapi.js'
import { dailySchema, optionSchema, summarySchema } from '../src/stats/schemas.js'
import type { Store } from '../src/store/store.js'
import { clock, collectorOn, describeEngines, get } from './support/engines.js'
import { checksOf, group, type Member, reportsOf } from './support/population.js'

const MIN = 10
const { now, day } = clock()
const [today, yesterday] = [day(0), day(1)]

/**
 * Three groups, each with its own versions, providers, sections and values: 10 installations
 * (published), 9 and 4 (left out). The two left out together are 13, so leaving them out does not
 * also hide the 10 (secondary suppression keeps what the rows left out add up to at 0 or at least
 * 10). All three set `log`, `log.level` and `log.maxSize`, so those rows are whole. Every
 * installation has its own network.
 */
const over = group(
  'over',
  MIN,
  {
    version: '3.1.0',
    days: [yesterday, today],
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
  (index) => `198.51.${index}.0/24`,
)
const under = group(
  'under',
  MIN - 1,
  {
    version: '3.0.0',
    days: [yesterday, day(3)],
    config: {
      log: { level: 'INFO', maxSize: 500 },
      entryPoints: { web: { address: ':80' } },
      providers: { swarm: {} },
      metrics: { prometheus: {} },
      certificatesResolvers: { a: { acme: { tlsChallenge: {} } }, b: { acme: { tlsChallenge: {} } } },
    },
  },
  (index) => `198.51.${20 + index}.0/24`,
)
const few = group(
  'few',
  4,
  { version: '2.9.0', days: [yesterday], config: { log: { level: 'WARN', maxSize: 5 } } },
  (index) => `198.51.${40 + index}.0/24`,
)
const population: Member[] = [...over, ...under, ...few]
const everyone = population.length

describeEngines('statistics on $name', (engine) => {
  let store: Store
  let collector: Collector

  beforeAll(async () => {
    await engine.start()
    store = await engine.open('stats')
    // Twice a day each: a report counts once per (hash, day).
    await store.write({ reports: reportsOf(population, 2), versionChecks: checksOf(population), refusals: [] })
    collector = collectorOn(store, now, { minCount: MIN })
  }, 90_000)

  afterAll(async () => {
    await collector?.close()
    await store?.close()
    await engine.stop()
  })

  it('summarizes the 7 days ending yesterday, each number from at least --min-count installations', async () => {
    const { status, cache, body } = await get(collector, '/api/v1/summary?days=7')
    expect(status).toBe(200)
    // The answer stays the same until the next UTC day starts: 12 hours from noon.
    expect(cache).toBe('public, max-age=43200')
    const summary = summarySchema.parse(body)
    expect(summary).toMatchObject({
      days: 7,
      from: day(7),
      to: yesterday,
      minCount: MIN,
      minNetworks: 3,
      networks: 'counted',
    })
    expect(summary.installations).toBe(everyone)
    expect(summary.versions).toEqual([{ version: '3.1.0', installations: MIN }])
    // Sections by presence, provider objects by any field set, experimental switches when true.
    expect(summary.providers.map((row) => [row.name, row.installations]).sort()).toEqual(
      [
        ['api', MIN],
        ['experimental.knative', MIN],
        ['log', everyone],
        ['providers.docker', MIN],
        ['providers.file', MIN],
      ].sort(),
    )
    expect(summary.options).toContainEqual({ path: 'log.level', installations: everyone })
    expect(summary.installationsByDay).toEqual([{ day: yesterday, installations: everyone }])
    expect(summary.entryPoints).toEqual([{ bucket: '2', installations: MIN }])
    expect(summary.certificateResolvers).toEqual([{ bucket: '1', installations: MIN }])
    expect(summary.challenges).toEqual([{ type: 'httpChallenge', installations: MIN }])
    expect(summary.versionChecks).toEqual([{ version: '3.1.0', checks: MIN, networks: MIN }])
    expect(summary.versionsByDay).toEqual([{ day: yesterday, version: '3.1.0', installations: MIN }])
  })

  it('leaves out every row of 9 or 4 installations and says how many it left out', async () => {
    const { body } = await get(collector, '/api/v1/summary?days=7')
    const text = JSON.stringify(body)
    for (const hidden of ['3.0.0', '2.9.0', 'providers.swarm', 'metrics.prometheus', 'tlsChallenge'])
      expect(text).not.toContain(hidden)
    expect(body.other.versions).toEqual({ buckets: 2 })
    expect(body.other.challenges).toEqual({ buckets: 1 })
    expect(body.other.entryPoints).toEqual({ buckets: 2 })
    expect(body.other.certificateResolvers).toEqual({ buckets: 2 })
    expect(body.other.versionChecks).toEqual({ buckets: 2 })
    expect(body.other.providers.buckets).toBeGreaterThanOrEqual(2)
    const rows = Object.values(body).filter(Array.isArray).flat() as { installations?: number; networks?: number }[]
    for (const row of rows) expect(row.installations ?? row.networks).toBeGreaterThanOrEqual(MIN)
  })

  it('withholds the total of a day with fewer installations than --min-count', async () => {
    const quiet = await get(collector, `/data/daily/${day(3)}.json`)
    expect(quiet.status).toBe(200)
    expect(quiet.body.installations).toBeNull()
    expect(quiet.body.versions).toEqual([])
    expect(quiet.body.options).toEqual([])
  })

  it("gives one option's help, adoption by day and value distribution", async () => {
    const { status, body } = await get(collector, '/api/v1/options/log.level?days=7')
    expect(status).toBe(200)
    const option = optionSchema.parse(body)
    expect(option).toMatchObject({ path: 'log.level', kind: 'string', export: true, minCount: MIN, to: yesterday })
    expect(option.help.length).toBeGreaterThan(0)
    expect(option.adoption).toEqual([{ day: yesterday, installations: everyone, of: everyone }])
    expect(option.other.adoption).toEqual({ buckets: 1 })
    expect(option.values).toEqual([{ value: 'DEBUG', installations: MIN }])
    expect(option.other.values).toEqual({ buckets: 2 })
    expect(option).toMatchObject({ since: '2.0', until: null })
    // `log.maxSize` came in 3.0: it is counted over the 19 3.x installations only. Their total beside
    // the window's 23 would give the 4 of 2.9.0, so it is withheld, and with it the day's adoption;
    // its values 10 and 9 partition the 19, and the 9 left out would give the 10 away.
    const size = await get(collector, '/api/v1/options/log.maxSize?days=7')
    expect(size.body).toMatchObject({ since: '3.0', until: null, adoption: [], values: [] })
    expect(size.body.other.values).toEqual({ buckets: 2 })
  })

  it('finds a map option by its URL-encoded path, and answers 404 to an unknown one', async () => {
    const encoded = encodeURIComponent('entryPoints.<name>.address')
    const known = await get(collector, `/api/v1/options/${encoded}?days=30`)
    expect(known.status).toBe(200)
    expect(known.body.values).toEqual([])
    const unknown = await get(collector, '/api/v1/options/log.nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('unknown-option')
    for (const days of ['401', 'abc', '1', '20'])
      expect((await get(collector, `/api/v1/summary?days=${days}`)).status, days).toBe(400)
  })

  it('serves the daily files of finished days, immutable, and no file for today or later', async () => {
    const past = await get(collector, `/data/daily/${yesterday}.json`)
    expect(past.status).toBe(200)
    expect(past.cache).toBe('public, max-age=31536000, immutable')
    const file = dailySchema.parse(past.body)
    expect(file).toMatchObject({ day: yesterday, complete: true, installations: everyone })
    expect(file.values).toContainEqual({ path: 'api.dashboard', value: 'true', installations: MIN })
    const csv = await get(collector, `/data/daily/${yesterday}.csv`)
    expect(csv.type).toContain('text/csv')
    expect(csv.cache).toBe('public, max-age=31536000, immutable')
    expect(csv.body.split('\r\n')).toContain(`versions,3.1.0,,${MIN},,,`)
    expect(csv.body).not.toContain('3.0.0')
    for (const unpublished of [today, day(-1), '2025-02-30'])
      expect((await get(collector, `/data/daily/${unpublished}.json`)).status, unpublished).toBe(404)
  })

  it('documents each route in openapi.json with the schema its real answer parses with', async () => {
    const { status, body } = await get(collector, '/api/v1/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const real = {
      '/api/v1/summary': '/api/v1/summary',
      '/api/v1/options/{path}': '/api/v1/options/api.dashboard',
      '/data/daily/{day}.json': `/data/daily/${yesterday}.json`,
      '/api/v1/schema/{version}': '/api/v1/schema/3.1.0',
    }
    for (const [route, schema] of Object.entries(DOCUMENTED)) {
      const documented = body.paths[route].get.responses['200'].content['application/json'].schema
      expect(Object.keys(documented.properties).sort()).toEqual(Object.keys(schema.shape).sort())
      const answer = await get(collector, real[route as keyof typeof real])
      expect(schema.safeParse(answer.body).success).toBe(true)
      expect(Object.keys(answer.body).sort()).toEqual(Object.keys(documented.properties).sort())
    }
  })

  it('publishes every row once --min-count is 4', async () => {
    const low = collectorOn(store, now, { minCount: 4 })
    const { body } = await get(low, '/api/v1/summary?days=7')
    await low.close()
    expect(body.versions).toEqual([
      { version: '3.1.0', installations: MIN },
      { version: '3.0.0', installations: MIN - 1 },
      { version: '2.9.0', installations: 4 },
    ])
    expect(body.challenges).toContainEqual({ type: 'tlsChallenge', installations: MIN - 1 })
    expect(body.certificateResolvers).toContainEqual({ bucket: '2', installations: MIN - 1 })
    expect(body.other.versions).toEqual({ buckets: 0 })
  })
})
