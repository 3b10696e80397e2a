import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/store.js'
import { clock, collectorOn, describeEngines, get, postFrom, publishedCounts, storesOf } from '../support/engines.js'
import { group, reportsOf } from '../support/population.js'
import { anonymized, hashOf, report } from '../support/reports.js'

/**
 * Sybil: one party makes many installations. However many it makes, they come from few networks,
 * and a number needs at least --min-networks (3) of them besides --min-count (10) installations.
 */

const { now, day } = clock()
const yesterday = day(1)
const config = { log: { level: 'TRACE' }, entryPoints: { web: { address: ':80' } }, api: { dashboard: true } }

/** `size` installations spread over `networks` /24s. */
const crowd = (name: string, size: number, networks: number, network = (n: number) => `203.0.${n}.0/24`) =>
  group(name, size, { version: '3.1.0', days: [yesterday], config }, (index) => network(index % networks))

/** Everything the public answers say about the window ending yesterday. */
async function everything(collector: ReturnType<typeof collectorOn>) {
  const answers = await Promise.all(
    ['/api/v1/summary?days=7', '/api/v1/options/log.level?days=7', `/data/daily/${yesterday}.json`].map(
      async (url) => (await get(collector, url)).body,
    ),
  )
  const csv = (await get(collector, `/data/daily/${yesterday}.csv`)).body as string
  return { answers, csv, counts: answers.flatMap(publishedCounts) }
}

describeEngines('Sybil on $name', (engine) => {
  const open = storesOf(engine)

  it('publishes nothing of 40 installations from 2 networks (all of them with --min-networks=2)', async () => {
    const store = await open('two_networks')
    await store.write({ reports: reportsOf(crowd('sybil', 40, 2)), versionChecks: [], refusals: [] })
    const collector = collectorOn(store, now)
    const { answers, csv, counts } = await everything(collector)
    expect(counts).toEqual([])
    const [summary, option, daily] = answers
    expect(summary.installations).toBeNull()
    expect(summary.other.versions).toEqual({ buckets: 1 })
    expect(option.values).toEqual([])
    expect(daily.installations).toBeNull()
    expect(csv).not.toContain('TRACE')
    expect(csv).not.toContain('3.1.0')
    // The network rule, and nothing else, kept them out.
    const lenient = collectorOn(store, now, { minNetworks: 2 })
    expect((await get(lenient, '/api/v1/summary?days=7')).body.installations).toBe(40)
    await Promise.all([collector.close(), lenient.close()])
  })

  it('publishes 12 installations from 3 networks', async () => {
    const store = await open('three_networks')
    await store.write({ reports: reportsOf(crowd('honest', 12, 3)), versionChecks: [], refusals: [] })
    const collector = collectorOn(store, now)
    const { body } = await get(collector, '/api/v1/summary?days=7')
    expect(body.installations).toBe(12)
    expect(body.versions).toEqual([{ version: '3.1.0', installations: 12 }])
    await collector.close()
  })

  it('with --ip=none says networks are unknown and publishes nothing, unless --min-networks=0', async () => {
    const store = await open('no_networks')
    await store.write({ reports: reportsOf(crowd('unknown', 20, 1, () => '')), versionChecks: [], refusals: [] })
    const strict = collectorOn(store, now, { ip: 'none' })
    const { body } = await get(strict, '/api/v1/summary?days=7')
    expect(body).toMatchObject({ networks: 'unknown', minNetworks: 3, installations: null, versions: [] })
    expect((await get(strict, `/data/daily/${yesterday}.json`)).body).toMatchObject({
      networks: 'unknown',
      installations: null,
    })
    const countOnly = collectorOn(store, now, { ip: 'none', minNetworks: 0 })
    expect((await get(countOnly, '/api/v1/summary?days=7')).body).toMatchObject({
      networks: 'unknown',
      minNetworks: 0,
      installations: 20,
    })
    await Promise.all([strict.close(), countOnly.close()])
  })

  it('over HTTP, counts the networks reports come from: 2 loopback /24s are not enough, 3 are', async () => {
    const posted = async (name: string, networks: number) => {
      const store = await open(name)
      // Reports arrive yesterday; statistics are asked for today.
      const receiving = collectorOn(store, new Date(`${yesterday}T12:00:00Z`), { ip: 'network' })
      const url = await receiving.app.listen({ host: '127.0.0.1', port: 0 })
      for (let index = 0; index < 12; index++) {
        const body = report(anonymized(config), { hash: hashOf(`${name}-${index}`) })
        expect(await postFrom(url, body, `127.0.${1 + (index % networks)}.1`)).toBe(200)
      }
      await receiving.close()
      const reader = collectorOn(store, now)
      const { body } = await get(reader, '/api/v1/summary?days=7')
      await reader.close()
      return body
    }
    expect((await posted('http_two', 2)).installations).toBeNull()
    expect((await posted('http_three', 3)).installations).toBe(12)
  })
})
