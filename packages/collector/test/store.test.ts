import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '@clickhouse/client'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openClickHouse } from '../src/store/clickhouse.js'
import { openDuckDB } from '../src/store/duckdb.js'
import { Journal, journalEntry } from '../src/store/journal.js'
import type { Store, StoredReport } from '../src/store/store.js'
import { tableRows } from '../src/store/tables.js'
import { type ClickHouse, clickhouseMissing, startClickHouse } from './support/clickhouse.js'
import { type Cluster, clusterMissing, startHealthyCluster } from './support/cluster.js'
import { anonymized, asStored, hashOf } from './support/reports.js'
import { duckdbRows } from './support/rows.js'

const config = anonymized({ log: { level: 'DEBUG' }, entryPoints: { web: { address: ':80' } }, api: {} })

function stored(installation: string, day: string, overrides: Partial<StoredReport> = {}): StoredReport {
  return {
    id: `${installation}-${day}-${Math.random()}`,
    day,
    received: `${day}T12:00:00.000Z`,
    hash: hashOf(installation),
    version: '3.1.0',
    network: '198.51.100.0/24',
    ip: '198.51.100.7',
    country: 'US',
    asn: 64500,
    configuration: asStored(config),
    ...overrides,
  }
}

const empty = { reports: [], versionChecks: [], refusals: [] }

/**
 * The ClickHouse client's log in this suite: a write refused on purpose is logged by the client
 * (its default prints a red stack trace), so the lines are kept and checked by that test instead.
 */
const clientLog: string[] = []
class CapturedClientLog implements Logger {
  trace() {}
  debug() {}
  info() {}
  warn({ message }: { message: string }) {
    clientLog.push(message)
  }
  error({ message, err }: { message: string; err: Error }) {
    clientLog.push(`${message}: ${err.message}`)
  }
}

/** The one suite both engines pass; `logged` is what the engine's client logged, where it has one. */
function storeSuite(open: () => Promise<Store>, logged?: string[]) {
  let store: Store
  beforeAll(async () => {
    store = await open()
  })
  afterAll(() => store?.close())

  it('counts a report once per (hash, day), installations once', async () => {
    await store.write({
      ...empty,
      reports: [
        stored('a', '2025-03-01'),
        stored('a', '2025-03-01'),
        stored('a', '2025-03-02'),
        stored('b', '2025-03-02'),
      ],
    })
    expect(await store.stats()).toMatchObject({ reports: 3, installations: 2 })
  })

  it('counts version checks and refusals by code', async () => {
    const check = {
      day: '2025-03-02',
      received: '2025-03-02T10:00:00.000Z',
      version: '3.0.0',
      network: '',
      ip: '',
      country: '',
      asn: 0,
    }
    await store.write({
      reports: [],
      versionChecks: [check, check],
      refusals: [
        { day: '2025-03-02', code: 'bad-json' },
        { day: '2025-03-02', code: 'bad-json' },
        { day: '2025-03-01', code: 'not-anonymized' },
      ],
    })
    const stats = await store.stats()
    expect(stats.versionChecks).toBe(2)
    expect(stats.refused).toEqual({ 'bad-json': 2, 'not-anonymized': 1 })
  })

  it("exports a day's reports once per installation", async () => {
    const day = await store.exportDay('2025-03-02')
    expect(day.map((row) => row.hash).sort()).toEqual([hashOf('a'), hashOf('b')].sort())
    expect(JSON.parse(day[0]?.configuration ?? '{}')).toEqual(config)
    expect(day[0]).toEqual({
      day: '2025-03-02',
      hash: day[0]?.hash,
      version: '3.1.0',
      configuration: day[0]?.configuration,
    })
  })

  it('keeps only what statistics use: no codename nor build date, and the network of each installation-day', async () => {
    const columns = async (table: string) =>
      Object.keys((await store.query(`SELECT * FROM ${table} LIMIT 1`))[0] ?? {}).sort()
    expect(await columns('reports')).not.toEqual(expect.arrayContaining(['codename']))
    expect(await columns('reports')).not.toEqual(expect.arrayContaining(['build_date']))
    expect(await columns('installation_days')).toContain('network')
    const [counted] = await store.queries.installations({ from: '2025-03-02', to: '2025-03-02' })
    expect([Number(counted?.installations), Number(counted?.networks)]).toEqual([2, 1])
  })

  it('keeps each configuration once, with its option rows, for every report that names it', async () => {
    const day = { from: '2025-03-02', to: '2025-03-02' }
    const values = await store.queries.values(day, ['log.level'], [])
    expect(values.map((row) => [row.value, Number(row.installations)])).toEqual([['DEBUG', 2]])
    const adoption = await store.queries.adoption(day, ['entryPoints.<name>.address'])
    expect(adoption.map((row) => Number(row.installations))).toEqual([2])
    const [stored] = await store.query('SELECT count(*) AS configurations FROM configurations')
    expect(Number(stored?.configurations)).toBe(1)
  })

  it('stores a configuration the other reports do not share, and counts it apart', async () => {
    const other = anonymized({ log: { level: 'WARN' } })
    await store.write({
      ...empty,
      reports: [stored('c', '2025-03-02', { configuration: asStored(other) })],
    })
    const values = await store.queries.values({ from: '2025-03-02', to: '2025-03-02' }, ['log.level'], [])
    expect(Object.fromEntries(values.map((row) => [row.value, Number(row.installations)]))).toEqual({
      DEBUG: 2,
      WARN: 1,
    })
  })

  it('stores nothing of a batch the engine refuses, nor carries it into the next one', async () => {
    const before = await store.stats()
    const refused = { day: 'never', received: 'never', version: '3.0.0', network: '', ip: '', country: '', asn: 0 }
    await expect(
      store.write({ reports: [stored('refused', '2025-03-02')], versionChecks: [refused], refusals: [] }),
    ).rejects.toThrow()
    if (logged) expect(logged.splice(0).join('\n')).toMatch(/^Insert: HTTP request error.*Cannot parse input/)
    await store.write({ ...empty, reports: [stored('next', '2025-03-02')] })
    const after = await store.stats()
    expect(after).toMatchObject({ reports: before.reports + 1, installations: before.installations + 1 })
    expect(after.versionChecks).toBe(before.versionChecks)
    const day = await store.exportDay('2025-03-02')
    expect(day.map((row) => row.hash)).not.toContain(hashOf('refused'))
  })

  it('keeps the configuration of every report it keeps, however long ago the configuration was first stored', async () => {
    const kept = anonymized({ log: { level: 'PANIC' } })
    const reportOn = (day: string) => stored('long', day, { configuration: asStored(kept) })
    await store.write({ ...empty, reports: [reportOn('2025-01-01')] })
    await store.write({ ...empty, reports: [reportOn('2025-01-10')] })
    await store.applyRetention({ before: '2025-01-10', ipBefore: '2025-01-01' })
    await expect.poll(async () => (await store.exportDay('2025-01-01')).length, { timeout: 20_000 }).toBe(0)
    const [report] = await store.exportDay('2025-01-10')
    expect(report && JSON.parse(report.configuration)).toEqual(kept)
  })

  it('deletes rows older than the retention, and full addresses older than theirs', async () => {
    const gone = anonymized({ log: { level: 'ERROR' } })
    await store.write({
      ...empty,
      reports: [stored('old', '2025-02-27', { configuration: asStored(gone) })],
    })
    const count = async (table: string) => Number((await store.query(`SELECT count(*) AS n FROM ${table}`))[0]?.n)
    expect(await count('configurations')).toBe(4)
    const retention = { before: '2025-03-02', ipBefore: '2025-03-03' }
    await store.applyRetention(retention)
    // ClickHouse applies a deletion as a mutation, after the statement answers.
    await expect.poll(() => store.stats(), { timeout: 20_000 }).toMatchObject({ reports: 4, installations: 4 })
    expect((await store.stats()).refused).toEqual({ 'bad-json': 2 })
    // A configuration no report names any more goes too (on ClickHouse, as a mutation).
    const configurationsLeft = async () => {
      await store.applyRetention(retention)
      return [await count('configurations'), await count(`configuration_options WHERE value = 'ERROR'`)]
    }
    await expect.poll(configurationsLeft, { timeout: 20_000 }).toEqual([2, 0])
    await expect(store.ping()).resolves.toBeUndefined()
  })
}

describe('store: DuckDB', () => {
  const folder = mkdtempSync(join(tmpdir(), 'collector-store-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  storeSuite(() => openDuckDB(join(folder, 'store.duckdb')))

  it('writes a configuration once across restarts', async () => {
    const path = join(folder, 'restarts.duckdb')
    for (const day of ['2025-03-01', '2025-03-02']) {
      const store = await openDuckDB(path)
      await store.write({ ...empty, reports: [stored('a', day)] })
      await store.close()
    }
    const store = await openDuckDB(path)
    const [row] = await store.query('SELECT count(*) AS n FROM configurations')
    await store.close()
    expect(Number(row?.n)).toBe(1)
  })

  it('loads each journal line once: one DuckDB already holds (a crash after its commit) is skipped', async () => {
    const path = join(folder, 'journal-once.duckdb')
    const first = { ...empty, reports: [stored('loaded', '2025-03-01')] }
    const second = { ...empty, reports: [stored('journaled', '2025-03-01')] }
    const store = await openDuckDB(path)
    await store.write(first)
    await store.close()
    // What a crash between DuckDB's commit and the journal's release leaves: line 1 loaded, line 2 not.
    const nothingWritten = { configuration: () => false, installationDay: () => false }
    const { journal } = await Journal.open(`${path}.journal`)
    await journal.append(journalEntry(1, tableRows(first, nothingWritten)))
    await journal.append(journalEntry(2, tableRows(second, nothingWritten)))
    await journal.close()
    const reopened = await openDuckDB(path)
    const rows = await reopened.query('SELECT hash, count(*) AS n FROM reports GROUP BY hash ORDER BY hash')
    await reopened.write({ ...empty, reports: [stored('after', '2025-03-01')] })
    const stats = await reopened.stats()
    await reopened.close()
    expect(rows.map((row) => [row.hash, Number(row.n)])).toEqual(
      [hashOf('journaled'), hashOf('loaded')].sort().map((hash) => [hash, 1]),
    )
    expect(stats).toMatchObject({ reports: 3, installations: 3 })
    expect(readdirSync(`${path}.journal`)).toEqual([])
  })

  it('acknowledges a batch once it is in the journal, and a read sees it loaded', async () => {
    const path = join(folder, 'journal-read.duckdb')
    const store = await openDuckDB(path)
    await store.write({ ...empty, reports: [stored('seen', '2025-03-01')] })
    const journaled = readdirSync(`${path}.journal`).map((file) => readFileSync(join(`${path}.journal`, file), 'utf8'))
    expect(journaled.join('')).toContain(hashOf('seen'))
    expect((await store.exportDay('2025-03-01')).map((row) => row.hash)).toEqual([hashOf('seen')])
    await store.close()
    expect(readdirSync(`${path}.journal`)).toEqual([])
  })

  it.each([
    [
      'a configuration per report (layout 1)',
      'CREATE TABLE reports (id VARCHAR, day DATE, hash VARCHAR, configuration VARCHAR)',
    ],
    [
      'codename and build date (layout 2)',
      `CREATE TABLE reports (id VARCHAR, day DATE, received TIMESTAMP, hash VARCHAR, installation UBIGINT, version VARCHAR,
         codename VARCHAR, build_date VARCHAR, network VARCHAR, ip VARCHAR, configuration_id UBIGINT)`,
    ],
    [
      'no country or autonomous system (layout 3)',
      `CREATE TABLE version_checks (day DATE, received TIMESTAMP, version VARCHAR, network VARCHAR, ip VARCHAR)`,
    ],
  ])('refuses a store of an earlier layout (%s), changes nothing in it, and says what to do', async (_, table) => {
    const path = join(folder, `earlier-${Math.random()}.duckdb`)
    const instance = await DuckDBInstance.create(path)
    const connection = await instance.connect()
    await connection.run(table)
    connection.closeSync()
    instance.closeSync()
    await expect(openDuckDB(path)).rejects.toThrow(/earlier version of baqup-collector.*layout 4.*new store/)
    const tables = await duckdbRows(path, 'SELECT table_name FROM information_schema.tables')
    expect(tables.map((row) => row.table_name)).toEqual([table.split(' ')[2]])
  })
})

describe.skipIf(clickhouseMissing)(`store: ClickHouse${clickhouseMissing ? ` (${clickhouseMissing})` : ''}`, () => {
  let server: ClickHouse
  beforeAll(async () => {
    server = await startClickHouse()
  })
  afterAll(() => server?.remove())
  storeSuite(() => openClickHouse(server.storeURL('suite'), { LoggerClass: CapturedClientLog }), clientLog)

  describe('with ?journal=', () => {
    const journal = mkdtempSync(join(tmpdir(), 'collector-clickhouse-journal-'))
    afterAll(() => rmSync(journal, { recursive: true, force: true }))
    storeSuite(() => openClickHouse(`${server.storeURL('journaled')}?journal=${journal}`))

    it('acknowledges from the journal, inserts many group commits at once, and a read sees them', async () => {
      const location = `${server.storeURL('journaled_reads')}?journal=${join(journal, 'reads')}`
      const store = await openClickHouse(location)
      await Promise.all(['a', 'b', 'c'].map((name) => store.write({ ...empty, reports: [stored(name, '2025-03-01')] })))
      const parts = async () =>
        Number(
          (
            await store.query(
              "SELECT count() AS n FROM system.parts WHERE database = 'journaled_reads' AND table = 'reports'",
            )
          )[0]?.n,
        )
      expect((await store.exportDay('2025-03-01')).map((row) => row.hash).sort()).toEqual(
        ['a', 'b', 'c'].map(hashOf).sort(),
      )
      expect(await parts()).toBe(1)
      await store.close()
      expect(readdirSync(join(journal, 'reads'))).toEqual(['loaded'])
    })
  })

  it('refuses a store of layout 2 (codename and build date kept)', async () => {
    const url = new URL(server.url)
    const command = (query: string) => fetch(`${url.origin}/?query=${encodeURIComponent(query)}`, { method: 'POST' })
    await command('CREATE DATABASE IF NOT EXISTS earlier')
    await command(`CREATE TABLE earlier.reports (id String, day Date, received DateTime, hash String, installation UInt64,
       version String, codename String, build_date String, network String, ip String, configuration_id UInt64)
       ENGINE = MergeTree() PARTITION BY toYYYYMM(day) ORDER BY (day, installation)`)
    await expect(openClickHouse(server.storeURL('earlier'))).rejects.toThrow(
      /earlier version.*has codename, build_date/,
    )
  })
})

describe.skipIf(clusterMissing)(`store: ClickHouse cluster${clusterMissing ? ` (${clusterMissing})` : ''}`, () => {
  let cluster: Cluster
  beforeAll(async () => {
    cluster = await startHealthyCluster()
  }, 240_000)
  afterAll(() => cluster?.remove())
  storeSuite(() => openClickHouse(cluster.storeURL('suite'), { LoggerClass: CapturedClientLog }), clientLog)
})
