import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/store.js'
import { clock, collectorOn, describeEngines, get } from '../support/engines.js'
import { group, type Member, reportsOf } from '../support/population.js'

/**
 * Window differencing: `summary?days=20` against `days=21` showed who reported on one day only,
 * and a window that ended with today showed, an hour later, who had reported in between. Windows
 * are 7, 30, 90 and 365 days ending yesterday; today is never published; a finished day's
 * answers are computed once and never change.
 */

const { now, day } = clock()
const [today, yesterday] = [day(0), day(1)]
const config = { log: { level: 'INFO' }, entryPoints: { web: { address: ':80' } } }

/** 12 installations report yesterday; 15 others report only today, and are never published. */
const population: Member[] = [
  ...group('yesterday', 12, { version: '3.1.0', days: [yesterday], config }, (n) => `198.51.${n}.0/24`),
  ...group('today', 15, { version: '3.2.0', days: [today], config }, (n) => `203.0.${n}.0/24`),
]

describeEngines('windows on $name', (engine) => {
  let store: Store
  let collector: ReturnType<typeof collectorOn>

  beforeAll(async () => {
    await engine.start()
    store = await engine.open('windows')
    await store.write({ reports: reportsOf(population), versionChecks: [], refusals: [] })
    collector = collectorOn(store, now)
  }, 90_000)
  afterAll(async () => {
    await collector?.close()
    await store?.close()
    await engine.stop()
  })

  it.each(['20', '21', '1', '0', '366', '-7', '7.0', 'abc', ''])(
    'answers days=%s with a 400 in the one error shape',
    async (days) => {
      for (const url of [`/api/v1/summary?days=${days}`, `/api/v1/options/log.level?days=${days}`]) {
        const { status, body } = await get(collector, url)
        expect(status, url).toBe(400)
        expect(body).toEqual({ error: { code: 'bad-parameter', message: expect.stringContaining('7, 30, 90, 365') } })
      }
    },
  )

  it.each([7, 30, 90, 365])(
    'publishes the %i days ending with yesterday, cached until the next UTC day',
    async (days) => {
      const { status, cache, body } = await get(collector, `/api/v1/summary?days=${days}`)
      expect(status).toBe(200)
      expect(body).toMatchObject({ days, from: day(days), to: yesterday })
      expect(cache).toBe('public, max-age=43200')
    },
  )

  it('never publishes today: not in the totals, the series, an option or the versions', async () => {
    const summary = (await get(collector, '/api/v1/summary?days=7')).body
    expect(summary.installations).toBe(12)
    expect(summary.installationsByDay).toEqual([{ day: yesterday, installations: 12 }])
    expect(JSON.stringify(summary)).not.toContain(today)
    expect(JSON.stringify(summary)).not.toContain('3.2.0')
    const option = (await get(collector, '/api/v1/options/log.level?days=7')).body
    expect(option.to).toBe(yesterday)
    expect(option.adoption).toEqual([{ day: yesterday, installations: 12, of: 12 }])
    expect(option.values).toEqual([{ value: 'INFO', installations: 12 }])
  })

  it('has no daily file for today or a later day, in either format', async () => {
    for (const when of [today, day(-1), day(-400)])
      for (const format of ['json', 'csv']) {
        const { status, body } = await get(collector, `/data/daily/${when}.${format}`)
        expect(status, `${when}.${format}`).toBe(404)
        expect(body.error.code).toBe('not-found')
      }
  })

  it("serves a finished day's file as immutable, computed once: a late row does not change it", async () => {
    const first = await get(collector, `/data/daily/${yesterday}.json`)
    expect(first.status).toBe(200)
    expect(first.cache).toBe('public, max-age=31536000, immutable')
    expect(first.body).toMatchObject({ day: yesterday, complete: true, installations: 12 })
    const csv = await get(collector, `/data/daily/${yesterday}.csv`)
    expect(csv.cache).toBe('public, max-age=31536000, immutable')
    const late = group('late', 10, { version: '3.1.0', days: [yesterday], config }, (n) => `192.0.${n}.0/24`)
    await store.write({ reports: reportsOf(late), versionChecks: [], refusals: [] })
    expect((await get(collector, `/data/daily/${yesterday}.json`)).body).toEqual(first.body)
  })

  it('offers the public windows on the dashboard, and the default one for any other', async () => {
    const page = (await get(collector, '/')).body as string
    const offered = [...page.matchAll(/<option value="(\d+)">/g)].map((match) => Number(match[1]))
    expect(offered).toEqual([7, 30, 90, 365])
    expect((await get(collector, '/?days=20')).body).toContain('/api/v1/summary?days=30')
    expect((await get(collector, '/?days=365')).body).toContain('/api/v1/summary?days=365')
  })
})
