import { beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { createCollector } from '../../src/server/app.js'
import type { Store } from '../../src/store/store.js'
import { describeEngines, everythingStored, storesOf } from '../support/engines.js'
import { anonymized, hashOf, report } from '../support/reports.js'

/**
 * Stored codename and build date: both are checked for shape (a lower-case word of at most 32
 * letters; a date from 2015 to tomorrow, as the client's build stamps it) and neither is stored.
 */

const NOW = new Date('2025-03-15T12:00:00Z')
const DAY = NOW.toISOString().slice(0, 10)
const config = anonymized({ log: { level: 'INFO' } })
/** Valid, and distinctive enough to be found wherever it is kept. */
const CODENAME = 'zanzibarquux'
const BUILD_DATE = '2024-02-29T13:37:42.123Z'

/** Every stored row and the day's export, as one text. */
async function everything(store: Store): Promise<string> {
  return JSON.stringify([await everythingStored(store), await store.exportDay(DAY)])
}

describeEngines('stored codename on $name', (engine) => {
  const open = storesOf(engine)
  let store: Store
  beforeAll(async () => {
    store = await open('codename')
  }, 90_000)

  it('refuses a codename or build date of any other shape, and stores neither of a valid report', async () => {
    const collector = createCollector({
      config: collectorConfigSchema.parse({ store: 'unused' }),
      store,
      now: () => NOW,
    })
    let n = 0
    const send = async (fields: Record<string, unknown>) => {
      const answer = await collector.app.inject({
        method: 'POST',
        url: '/',
        payload: report(config, { hash: hashOf(String(n++)), ...fields }),
      })
      return answer.statusCode === 200 ? 'ok' : `${answer.statusCode} ${answer.json().error.code}`
    }
    const refused = [
      { codename: 'postgres://admin:hunter2@db.corp.example.com' },
      { codename: 'Cheddar' },
      { codename: 'a'.repeat(33) },
      { codename: '' },
      { codename: '=HYPERLINK("http://x")' },
      { buildDate: '2014-12-31' },
      { buildDate: '2025-03-17' },
      { buildDate: `2025-01-31T10:00:00.${'1'.repeat(40)}Z` },
      { buildDate: '2025-01-31 db.corp.example.com' },
      { buildDate: 'yesterday' },
    ]
    for (const fields of refused) expect([fields, await send(fields)]).toEqual([fields, '400 bad-field'])
    const accepted = [
      { codename: CODENAME, buildDate: BUILD_DATE },
      { codename: 'cheddar', buildDate: '2025-03-16' },
      { codename: 'cheddar', buildDate: 'unknown' },
      { codename: 'a'.repeat(32), buildDate: '2015-01-01' },
    ]
    for (const fields of accepted) expect([fields, await send(fields)]).toEqual([fields, 'ok'])
    await collector.close()

    expect((await store.stats()).reports).toBe(accepted.length)
    const stored = await everything(store)
    for (const planted of [CODENAME, BUILD_DATE, '13:37:42', 'hunter2', 'cheddar', '2024-02-29']) {
      expect(stored).not.toContain(planted)
    }
  })
})
