import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../src/store/open.js'
import { type ClickHouse, clickhouseMissing, startClickHouse } from './support/clickhouse.js'
import { serve } from './support/collector.js'
import { anonymized, post, report } from './support/reports.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-durability-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const config = anonymized({ log: { level: 'INFO' } })
const UNCAPPED = '--max-installations-per-network=1000000'
const hashOf = (n: number) => n.toString(16).padStart(64, '0')

/** Posts reports from `workers` loops until `stop()`; records the hashes answered 200 and the statuses seen. */
function load(url: string, workers = 16) {
  const accepted = new Set<string>()
  const statuses: number[] = []
  let next = 0
  let running = true
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const hash = hashOf(next++)
      try {
        const answer = await post(url, report(config, { hash }))
        statuses.push(answer.status)
        if (answer.status === 200) accepted.add(hash)
      } catch {
        statuses.push(0)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  })
  return {
    accepted,
    statuses,
    async stop() {
      running = false
      await Promise.all(loops)
    },
  }
}

const storedHashes = async (location: string, day: string) => {
  const store = await openStore(location)
  try {
    return new Set((await store.exportDay(day)).map((row) => row.hash))
  } finally {
    await store.close()
  }
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** A collector on `location` under load, its ClickHouse stopped once `first` reports are accepted, until 20 get 503. */
async function underOutage(server: ClickHouse, location: string, first: number) {
  const collector = await serve([`--store=${location}`, '--request-timeout=5000', UNCAPPED])
  const traffic = load(collector.url, 8)
  await until(() => traffic.accepted.size >= first)
  await server.stop()
  const failedFrom = traffic.statuses.length
  await until(() => traffic.statuses.slice(failedFrom).filter((status) => status === 503).length >= 20)
  return { collector, traffic }
}

describe('durability', () => {
  it('DuckDB: after kill -9 under load, every report answered 200 is in the store', { timeout: 120_000 }, async () => {
    const location = join(folder, 'killed.duckdb')
    // Every report comes from 127.0.0.1: the per-network cap is raised out of the way.
    const collector = await serve([`--store=${location}`, UNCAPPED])
    const traffic = load(collector.url)
    await until(() => traffic.accepted.size >= 300)
    await collector.stop('SIGKILL')
    await traffic.stop()
    // What the journal held when the process died is loaded as the store opens, each line once.
    const journaled = readdirSync(`${location}.journal`).length
    const found = await storedHashes(location, new Date().toISOString().slice(0, 10))
    const missing = [...traffic.accepted].filter((hash) => !found.has(hash))
    expect(missing).toEqual([])
    expect(traffic.accepted.size).toBeGreaterThanOrEqual(300)
    expect(journaled).toBeGreaterThan(0)
    expect(readdirSync(`${location}.journal`)).toEqual([])
    const store = await openStore(location)
    const [counted] = await store.query('SELECT count(*) AS n, count(DISTINCT id) AS ids FROM reports')
    await store.close()
    expect(Number(counted?.n)).toBe(Number(counted?.ids))
  })

  describe.skipIf(clickhouseMissing)(
    `ClickHouse stopped under load${clickhouseMissing ? ` (${clickhouseMissing})` : ''}`,
    () => {
      let server: ClickHouse
      afterAll(() => server?.remove())

      it('with ?journal=: 503 while ClickHouse is down, and after kill -9 every report answered 200 is there, counted once', {
        timeout: 180_000,
      }, async () => {
        server ??= await startClickHouse()
        const journal = join(folder, 'clickhouse-journal')
        const location = `${server.storeURL('journaled')}?journal=${journal}`
        const { collector, traffic } = await underOutage(server, location, 200)
        await server.start()
        const recoveredFrom = traffic.accepted.size
        await until(() => traffic.accepted.size >= recoveredFrom + 200)
        await collector.stop('SIGKILL')
        await traffic.stop()
        const found = await storedHashes(location, new Date().toISOString().slice(0, 10))
        expect([...traffic.accepted].filter((hash) => !found.has(hash))).toEqual([])
        expect(readdirSync(journal).filter((file) => file.endsWith('.jsonl'))).toEqual([])
        // A line is inserted again only when ClickHouse wrote it but its answer was lost (the server
        // stopping) or the process died before the journal marked it: a whole copy, counted once.
        const store = await openStore(server.storeURL('journaled'))
        const copies = await store.query(
          'SELECT max(n) AS most FROM (SELECT id, count() AS n FROM reports GROUP BY id)',
        )
        const stats = await store.stats()
        await store.close()
        expect(Number(copies[0]?.most)).toBeLessThanOrEqual(2)
        expect(stats.reports).toBe(found.size)
      })

      it('answers 503 with Retry-After, no 200 for a report not stored, and recovers', {
        timeout: 180_000,
      }, async () => {
        server ??= await startClickHouse()
        const location = server.storeURL('durability')
        const { collector, traffic } = await underOutage(server, location, 100)
        const refusedAnswer = await post(collector.url, report(config, { hash: 'f'.repeat(64) }))
        expect(refusedAnswer.status).toBe(503)
        expect(refusedAnswer.headers.get('retry-after')).toMatch(/^\d+$/)
        await server.start()
        const recoveredFrom = traffic.accepted.size
        await until(() => traffic.accepted.size >= recoveredFrom + 100)
        await traffic.stop()
        expect(await collector.stop('SIGTERM')).toBe(0)
        const found = await storedHashes(location, new Date().toISOString().slice(0, 10))
        expect([...traffic.accepted].filter((hash) => !found.has(hash))).toEqual([])
        expect(found.has('f'.repeat(64))).toBe(false)
        // The outage in the log: a structured line when it starts and one with the counts when it ends,
        // not a line per failed commit, per client retry or per socket the ClickHouse client gives up.
        const lines = collector.stderr().trim().split('\n')
        for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
        const outage = lines.map((line) => JSON.parse(line)).filter((line) => line.event === 'store-failing')
        expect(outage[0]).toMatchObject({ burst: 'started' })
        expect(outage.filter((line) => line.burst === 'ended')).toHaveLength(1)
        expect(outage.length).toBeLessThanOrEqual(6)
        expect(outage.at(-1)?.failures.commit).toBeGreaterThan(0)
      })
    },
  )
})
