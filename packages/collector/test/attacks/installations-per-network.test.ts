import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { createCollector } from '../../src/server/app.js'
import type { Store } from '../../src/store/store.js'
import { describeEngines, storesOf } from '../support/engines.js'
import { anonymized, hashOf, report } from '../support/reports.js'

/**
 * Sybil at the door: one client made 2 000 installations from one address in 1.3 s. At most
 * `--max-installations-per-network` (100) distinct installations per network (/24, /48) and UTC
 * day are counted; the next one is refused 429 `rate-limited` with `Retry-After`, counted, while
 * the installations already admitted and other networks go on. The count is the store's, so a
 * restart does not reset it.
 */

const NOON = Date.parse('2025-03-15T12:00:00Z')
const config = anonymized({ log: { level: 'TRACE' } })

function collectorOn(store: Store, clock: { time: number }, settings: Record<string, unknown> = {}) {
  const collector = createCollector({
    config: collectorConfigSchema.parse({ store: 'unused', ...settings }),
    store,
    now: () => new Date(clock.time),
  })
  /** Installation `n` reports from `address`. */
  const send = async (n: number, address: string) => {
    const answer = await collector.app.inject({
      method: 'POST',
      url: '/',
      payload: report(config, { hash: hashOf(`installation ${n}`) }),
      remoteAddress: address,
    })
    return {
      status: answer.statusCode,
      code: answer.statusCode === 200 ? 'ok' : answer.json().error.code,
      retryAfter: answer.headers['retry-after'],
    }
  }
  return { collector, send }
}

/** Installations `from..to-1`, each from its own host of `203.0.113.0/24`, a few at a time. */
async function sendRange(send: ReturnType<typeof collectorOn>['send'], from: number, to: number, net = '203.0.113') {
  const codes: string[] = []
  for (let start = from; start < to; start += 20) {
    const batch = Array.from({ length: Math.min(20, to - start) }, (_, i) => start + i)
    codes.push(...(await Promise.all(batch.map(async (n) => (await send(n, `${net}.${n % 250}`)).code))))
  }
  return codes
}

const tally = (codes: string[]) => codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {})

describeEngines('new installations per network on $name', (engine) => {
  const open = storesOf(engine)

  it('refuses the 101st installation of a network on a day, 429 with Retry-After, also after a restart', async () => {
    const clock = { time: NOON }
    // Closed by the test itself, for the restart below.
    let store = await engine.open('cap')
    let { collector, send } = collectorOn(store, clock)
    expect(tally(await sendRange(send, 0, 100))).toEqual({ ok: 100 })
    const refused = await send(100, '203.0.113.99')
    expect(refused).toEqual({ status: 429, code: 'rate-limited', retryAfter: String(12 * 3600) })
    // Those admitted keep reporting; another network is not concerned.
    expect((await send(7, '203.0.113.200')).code).toBe('ok')
    expect((await send(100, '198.51.100.7')).code).toBe('ok')
    expect((await send(101, '2001:db8:1:2::7')).code).toBe('ok')
    await collector.close()
    await store.close()

    // A restart on the same store: the day's count is read back.
    store = await open('cap')
    ;({ collector, send } = collectorOn(store, clock))
    expect((await send(102, '203.0.113.1')).code).toBe('rate-limited')
    expect((await send(3, '203.0.113.1')).code).toBe('ok')
    expect((await send(103, '198.51.100.8')).code).toBe('ok')
    // The next UTC day counts again.
    clock.time += 12 * 3600_000
    expect((await send(102, '203.0.113.1')).code).toBe('ok')
    await collector.close()

    const stats = await store.stats()
    expect(stats.refused['rate-limited']).toBe(2)
    const perNetwork = await store.query(
      "SELECT network, count(DISTINCT hash) AS n FROM reports WHERE day = '2025-03-15' GROUP BY network ORDER BY network",
    )
    expect(perNetwork.map((row) => [row.network, Number(row.n)])).toEqual([
      ['198.51.100.0/24', 2],
      ['2001:db8:1::/48', 1],
      ['203.0.113.0/24', 100],
    ])
  })

  it('is off with --ip=none: no network is known', async () => {
    const store = await open('cap_none')
    const { collector, send } = collectorOn(store, { time: NOON }, { ip: 'none' })
    expect(tally(await sendRange(send, 0, 120))).toEqual({ ok: 120 })
    await collector.close()
  })

  // Two DuckDB stores cannot share one file: two collectors on one store is ClickHouse's case.
  const onSharedStore = engine.name === 'ClickHouse' ? it : () => {}
  onSharedStore('holds across two collectors on one store, within a quarter of the cap each', async () => {
    const clock = { time: NOON }
    const [first, second] = [await open('cap_cluster'), await open('cap_cluster')]
    const a = collectorOn(first as Store, clock)
    const b = collectorOn(second as Store, clock)
    expect(tally(await sendRange(a.send, 0, 60))).toEqual({ ok: 60 })
    // The second collector reads the day the first has written: 40 more, then refusals.
    expect(tally(await sendRange(b.send, 60, 120))).toEqual({ ok: 40, 'rate-limited': 20 })
    // The first has not read what the second wrote yet: it admits until its next read, a quarter on.
    const late = tally(await sendRange(a.send, 120, 150))
    expect(late['rate-limited']).toBeGreaterThan(0)
    await a.collector.close()
    await b.collector.close()
    const [row] = await (first as Store).query("SELECT count(DISTINCT hash) AS n FROM reports WHERE day = '2025-03-15'")
    expect(Number(row?.n)).toBeLessThanOrEqual(100 + 2 * 25)
  })
})
