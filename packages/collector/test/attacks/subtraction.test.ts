import { beforeAll, describe, expect, it } from 'vitest'
import { publishParts, publishSubset, publishTree } from '../../src/stats/threshold.js'
import type { Store } from '../../src/store/store.js'
import { clock, collectorOn, csvCounts, describeEngines, get, publishedCounts, storesOf } from '../support/engines.js'
import { group, type Member, reportsOf } from '../support/population.js'

/**
 * Subtraction: a hidden count computed from published ones. 10 installations set
 * `api.insecure: true` and 2 set it `false`: publishing the option's 12 and its `true` 10 would
 * publish the 2. The same population differs in every other dimension the statistics count
 * (version, an experimental switch, the number of entry points), so that each table is tried.
 */

const { now, day } = clock()
const yesterday = day(1)
const HIDDEN = 2

const population: Member[] = [
  ...group(
    'insecure',
    10,
    {
      version: '3.1.0',
      days: [yesterday],
      config: {
        api: { insecure: true },
        experimental: { fastProxy: { debug: true } },
        entryPoints: { web: { address: ':80' } },
      },
    },
    (index) => `198.51.${index}.0/24`,
  ),
  ...group(
    'secure',
    HIDDEN,
    {
      version: '3.0.0',
      days: [yesterday],
      config: {
        api: { insecure: false },
        experimental: { fastProxy: { debug: false } },
        entryPoints: { web: { address: ':80' }, websecure: { address: ':443' } },
      },
    },
    (index) => `198.51.${20 + index}.0/24`,
  ),
]

/** True when `hidden` is a published number, or the difference of two, or of one and the sum of two others. */
function follows(hidden: number, published: readonly number[]): boolean {
  const counts = [...new Set(published)]
  if (counts.includes(hidden)) return true
  for (const a of counts)
    for (const b of counts) {
      if (a - b === hidden) return true
      for (const c of counts) if (a - b - c === hidden) return true
    }
  return false
}

const PAGES = [
  '/api/v1/summary?days=7',
  '/api/v1/summary?days=30',
  '/api/v1/options/api.insecure?days=7',
  '/api/v1/options/api?days=7',
  '/api/v1/options/experimental.fastProxy.debug?days=7',
  `/data/daily/${yesterday}.json`,
]

describeEngines('subtraction on $name', (engine) => {
  const open = storesOf(engine)
  let store: Store
  beforeAll(async () => {
    store = await open('subtraction')
    await store.write({ reports: reportsOf(population), versionChecks: [], refusals: [] })
  }, 90_000)

  const published = async (settings: Record<string, unknown>) => {
    const collector = collectorOn(store, now, settings)
    const answers = await Promise.all(PAGES.map(async (url) => (await get(collector, url)).body))
    const csv = (await get(collector, `/data/daily/${yesterday}.csv`)).body as string
    await collector.close()
    return { answers, counts: [...answers.flatMap(publishedCounts), ...csvCounts(csv)] }
  }

  it('publishes nothing from which the 2 installations with api.insecure: false follow', async () => {
    const { answers, counts } = await published({})
    expect(counts.length).toBeGreaterThan(0)
    expect(follows(HIDDEN, counts), `published: ${[...new Set(counts)].join(', ')}`).toBe(false)
    const [summary, , insecure, , , daily] = answers
    // The total and the option's adoption are published; the split of its values is not.
    expect(summary.installations).toBe(12)
    expect(summary.options).toContainEqual({ path: 'api.insecure', installations: 12 })
    expect(insecure.values).toEqual([])
    expect(insecure.other.values).toEqual({ buckets: 2 })
    expect(daily.values.filter((row: { path: string }) => row.path === 'api.insecure')).toEqual([])
    // Nor the versions, nor the entry points, which split the same way.
    expect(summary.versions).toEqual([])
    expect(summary.entryPoints).toEqual([])
  })

  it('does publish the split where nothing is hidden (--min-count=2): the test above is not vacuous', async () => {
    const { answers, counts } = await published({ minCount: 2, minNetworks: 2 })
    expect(follows(HIDDEN, counts)).toBe(true)
    expect(answers[2].values).toEqual([
      { value: 'true', installations: 10 },
      { value: 'false', installations: HIDDEN },
    ])
  })
})

describe('the secondary suppression rule', () => {
  const threshold = { minCount: 10, minNetworks: 3 }
  const row = (installations: number, networks = installations) => ({ installations, networks })

  it('leaves out the smallest published rows until the rows left out add up to 0 or pass', () => {
    // 40 - 20 - 11 = 9 would be the 6 and the 3: the 11 goes too.
    expect(publishParts([row(20), row(11), row(6), row(3)], threshold, (part) => part, row(40)).rows).toEqual([row(20)])
    expect(publishParts([row(20), row(10), row(6), row(4)], threshold, (part) => part, row(40)).rows).toEqual([
      row(20),
      row(10),
    ])
    expect(publishParts([row(20), row(11), row(6)], threshold, (part) => part, row(37)).rows).toEqual([row(20)])
    expect(publishParts([row(12), row(2)], threshold, (part) => part, row(14)).rows).toEqual([])
    expect(publishParts([row(12), row(10)], threshold, (part) => part, row(22)).rows).toHaveLength(2)
  })

  it('counts the networks of what is left out at least as many as the published numbers imply', () => {
    // 12 hidden installations from 1 network: published, 30 - 18 would show 12 from too few networks.
    expect(publishParts([row(18, 18), row(12, 1)], threshold, (part) => part, row(30, 19)).rows).toEqual([])
    expect(publishParts([row(18, 18), row(12, 3)], threshold, (part) => part, row(30, 21)).rows).toHaveLength(2)
    expect(publishParts([row(18, 18), row(6, 2), row(6, 2)], threshold, (part) => part, row(30, 20)).rows).toEqual([])
    expect(publishParts([row(18, 18), row(6, 2), row(6, 3)], threshold, (part) => part, row(30, 21)).rows).toHaveLength(
      1,
    )
  })

  it('publishes a subset only when what its whole has beyond it is nothing or passes', () => {
    expect(publishSubset(row(12), threshold, row(12))).toBe(true)
    expect(publishSubset(row(10), threshold, row(12))).toBe(false)
    expect(publishSubset(row(10), threshold, row(20))).toBe(true)
    expect(publishSubset(row(10), threshold, row(20, 11))).toBe(false)
  })

  it('checks an option path against its nearest published ancestor', () => {
    const rows = [
      { path: 'api', ...row(30) },
      { path: 'api.insecure', ...row(28) },
      { path: 'api.insecure.deep', ...row(15) },
    ]
    const tree = publishTree(
      rows,
      threshold,
      (r) => r.path,
      (r) => r,
      row(50),
    )
    expect(tree.rows.map((r) => r.path)).toEqual(['api', 'api.insecure.deep'])
    expect(tree.wholeOf('api.insecure')).toEqual(rows[0])
  })
})
