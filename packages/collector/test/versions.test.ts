import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anonymize } from '@baqup/core'
import { schemaFor } from '@baqup/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../src/config/schema.js'
import { type Collector, createCollector } from '../src/server/app.js'
import { CheckedConfigurations } from '../src/server/checked-configurations.js'
import { Refused } from '../src/server/refusal.js'
import { checkReport } from '../src/server/report.js'
import { releaseSchemaSchema } from '../src/stats/release-schema.js'
import { optionSchema } from '../src/stats/schemas.js'
import type { Store } from '../src/store/store.js'
import { clock, describeEngines, get } from './support/engines.js'
import { hashOf, report } from './support/reports.js'

/**
 * Every release speaks its own schema (issue 18): a 2.11 client's report and a 3.7 one go through
 * the collector into the statistics, an option's adoption is counted over the releases that have
 * it, and a release newer than the newest view (3.8) counts from day one with what the collector
 * does not know dropped, never stored.
 */

const MIN = 10
const { now, day } = clock()
const yesterday = day(1)
const atYesterday = new Date(now.getTime() - 86_400_000)

/** What a 2.11 client sends: a 2.x-only option, anonymized with 2.11's view. */
const config211 = anonymize(schemaFor('2.11.0').zod, {
  log: { level: 'INFO' },
  providers: { docker: { swarmMode: true, exposedByDefault: false } },
})
const config37 = anonymize(schemaFor('3.7.0').zod, { log: { level: 'DEBUG' }, providers: { swarm: {} } })
/** A 3.8 client: 3.7's options, and two the newest view does not know (a new provider, a new section). */
const config38 = {
  ...config37,
  providers: { ...(config37.providers as object), futureProvider: { enabled: true } },
  futureSection: { knob: 3 },
}

/** Ten installations of each release, each from its own network. */
const population = [
  ...Array.from({ length: MIN }, (_, n) => ({ name: `v211-${n}`, version: '2.11.0', config: config211 })),
  ...Array.from({ length: MIN }, (_, n) => ({ name: `v37-${n}`, version: '3.7.0', config: config37 })),
  ...Array.from({ length: MIN }, (_, n) => ({ name: `v38-${n}`, version: '3.8.0', config: config38 })),
]

let folder: string
let releases: string
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'collector-versions-'))
  releases = join(folder, 'releases.json')
  const tags = ['v2.11.0', 'v3.7.0', 'v3.8.0']
  writeFileSync(releases, JSON.stringify(tags.map((tag_name) => ({ tag_name, draft: false, prerelease: false }))))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const collectorAt = (store: Store, at: Date): Collector =>
  createCollector({
    config: collectorConfigSchema.parse({ store: 'unused', releases, minCount: MIN }),
    store,
    now: () => at,
  })

describe('a report is checked against its own release', () => {
  const body = report(config211, { version: '2.11.0', hash: hashOf('one') })
  const at = new Date('2025-03-15T12:00:00Z')

  it('a 2.11 report with a 2.x-only option would be bad-configuration under 3.7; under 2.11 it is accepted', () => {
    const under37 = () => checkReport(new CheckedConfigurations(), body, at, () => schemaFor('3.7.0'))
    expect(under37).toThrow(Refused)
    try {
      under37()
    } catch (error) {
      expect((error as Refused).code).toBe('bad-configuration')
    }
    const accepted = checkReport(new CheckedConfigurations(), body, at)
    expect(accepted.droppedOptions).toBe(0)
    expect(accepted.configuration.options.map((row) => row.path)).toContain('providers.docker.swarmMode')
  })

  it('one cache, keyed by view and bytes: the same bytes as 3.7 are checked again, and refused', () => {
    const checked = new CheckedConfigurations()
    checkReport(checked, body, at)
    expect(() => checkReport(checked, { ...body, version: '3.7.0' }, at)).toThrow('does not validate')
  })

  it('a version no view describes (before 2.0, or a minor that never was) is unknown-version', () => {
    for (const version of ['1.7.34', '2.12.0']) {
      expect(() => checkReport(new CheckedConfigurations(), { ...body, version }, at)).toThrow(
        expect.objectContaining({ code: 'unknown-version' }),
      )
    }
  })
})

describeEngines('versions end to end on $name', (engine) => {
  let store: Store
  let collector: Collector

  beforeAll(async () => {
    await engine.start()
    store = await engine.open('versions')
    // Reported yesterday, read today: windows end with the last finished day.
    const ingest = collectorAt(store, atYesterday)
    for (const [n, member] of population.entries()) {
      const answer = await ingest.app.inject({
        method: 'POST',
        url: '/',
        payload: report(member.config, { version: member.version, hash: hashOf(member.name) }),
        remoteAddress: `198.51.${n}.7`,
      })
      expect(answer.statusCode, `${member.name}: ${answer.body}`).toBe(200)
    }
    await ingest.close()
    collector = collectorAt(store, now)
  }, 120_000)

  afterAll(async () => {
    await collector?.close()
    await store?.close()
    await engine.stop()
  })

  it('counts 2.11, 3.7 and 3.8 installations in the summary', async () => {
    const { status, body } = await get(collector, '/api/v1/summary?days=7')
    expect(status).toBe(200)
    expect(body.installations).toBe(3 * MIN)
    expect(body.versions).toEqual(
      expect.arrayContaining([
        { version: '2.11.0', installations: MIN },
        { version: '3.7.0', installations: MIN },
        { version: '3.8.0', installations: MIN },
      ]),
    )
  })

  it("counts a 3.x-only option over 3.x installations only: 2.x ones are not in its share's denominator", async () => {
    const { status, body } = await get(collector, '/api/v1/options/providers.swarm?days=7')
    expect(status).toBe(200)
    optionSchema.parse(body)
    expect(body).toMatchObject({ since: '3.0', until: null })
    expect(body.adoption).toEqual([{ day: yesterday, installations: 2 * MIN, of: 2 * MIN }])
  })

  it('counts an option 3.0 removed over 2.x installations only, with its until', async () => {
    const { status, body } = await get(collector, '/api/v1/options/providers.docker.swarmMode?days=7')
    expect(status).toBe(200)
    expect(body).toMatchObject({ since: '2.0', until: '2.11' })
    expect(body.adoption).toEqual([{ day: yesterday, installations: MIN, of: MIN }])
    expect(body.values).toEqual([{ value: 'true', installations: MIN }])
  })

  it('counts an option every release has over every installation', async () => {
    const { body } = await get(collector, '/api/v1/options/log.level?days=7')
    expect(body.adoption).toEqual([{ day: yesterday, installations: 3 * MIN, of: 3 * MIN }])
  })

  it("drops a newer release's unknown options before storing, and counts the reports as unknown-options", async () => {
    const stats = await store.stats()
    expect(stats.refused['unknown-options']).toBe(MIN)
    expect(stats.reports).toBe(3 * MIN)
    const paths = (await store.query('SELECT DISTINCT path FROM configuration_options')).map((row) => String(row.path))
    expect(paths).toContain('providers.swarm')
    expect(paths.filter((path) => /future/i.test(path))).toEqual([])
    const texts = (await store.query('SELECT configuration FROM configurations')).map((row) =>
      String(row.configuration),
    )
    expect(texts.join('\n')).not.toMatch(/future|knob/i)
  })

  it("publishes each release's allow-list: 2.11 has providers.docker.swarmMode, 3.7 does not", async () => {
    const v211 = await get(collector, '/api/v1/schema/2.11.0')
    const v37 = await get(collector, '/api/v1/schema/3.7.0')
    const v38 = await get(collector, '/api/v1/schema/3.8.0')
    for (const answer of [v211, v37, v38]) {
      expect(answer.status).toBe(200)
      releaseSchemaSchema.parse(answer.body)
    }
    const exported = (answer: { body: { exported: { path: string }[] } }) =>
      answer.body.exported.map((option) => option.path)
    expect(exported(v211)).toContain('providers.docker.swarmMode')
    expect(exported(v37)).not.toContain('providers.docker.swarmMode')
    expect(exported(v37)).toContain('providers.swarm')
    expect(exported(v211)).not.toContain('providers.swarm')
    expect(v211.body).toMatchObject({ version: '2.11.0', release: '2.11', newer: false })
    expect(v38.body).toMatchObject({ release: '3.7', newer: true })
    expect(v37.body.exported).toContainEqual(
      expect.objectContaining({ path: 'log.level', values: expect.arrayContaining(['DEBUG']) }),
    )
    expect(v37.body.maps).toContainEqual(expect.objectContaining({ path: 'entryPoints', names: 'common' }))
    expect(v37.body.dictionaries.common).toContain('websecure')
  })

  it('answers 404 in the one error shape for a release it does not know', async () => {
    for (const version of ['9.9.9', '1.7.0', '3.6.0', 'not-a-version']) {
      const { status, body } = await get(collector, `/api/v1/schema/${version}`)
      expect(status, version).toBe(404)
      expect(body).toEqual({ error: { code: 'not-found', message: expect.any(String) } })
    }
  })
})
