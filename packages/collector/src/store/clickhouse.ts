import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { StoredConfigurations } from './configurations.js'
import { CountedDays } from './counted-days.js'
import { refuseEarlierLayout } from './layout.js'
import type { Batch, ExportedReport, Retention, Store, StoreStats } from './store.js'
import { COLUMNS, type TableRows, tableRows, writtenConfigurations } from './tables.js'

/**
 * The scale-out engine: any number of stateless collectors write to one ClickHouse. Only SQL
 * that ClickHouse 18.16 accepts as well as current versions: no query parameters (19.x), no TTL
 * (19.6); values put in queries are checked days and fixed names. An INSERT answers once its
 * block is written to a part: that is the durable point a 200 waits for.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/
const day = (value: string) => {
  if (!DAY.test(value)) throw new Error(`not a day: ${JSON.stringify(value)}`)
  return `'${value}'`
}

function tables(db: string): string[] {
  const merge = (order: string) => `ENGINE = MergeTree() PARTITION BY toYYYYMM(day) ORDER BY (${order})`
  // Collectors each write copies of a configuration: merges keep one a month, queries read distinct rows.
  const replacing = (order: string) => `ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (${order})`
  return [
    `CREATE TABLE IF NOT EXISTS ${db}.reports (id String, day Date, received DateTime, hash String, installation UInt64,
       version String, codename String, build_date String, network String, ip String, configuration_id UInt64)
       ${merge('day, installation')}`,
    `CREATE TABLE IF NOT EXISTS ${db}.installation_days (day Date, installation UInt64, version String,
       configuration_id UInt64) ${merge('day, installation')}`,
    `CREATE TABLE IF NOT EXISTS ${db}.configurations (day Date, id UInt64, configuration String) ${replacing('id')}`,
    `CREATE TABLE IF NOT EXISTS ${db}.configuration_options (day Date, configuration_id UInt64, n UInt32, path String,
       value Nullable(String)) ${replacing('configuration_id, n')}`,
    `CREATE TABLE IF NOT EXISTS ${db}.version_checks (day Date, received DateTime, version String, network String,
       ip String) ${merge('day, version')}`,
    `CREATE TABLE IF NOT EXISTS ${db}.refusals (day Date, code String, n UInt32) ${merge('day, code')}`,
  ]
}

/** `clickhouse://HOST:PORT/DB` → the HTTP URL and the database. */
export function parseClickHouseURL(url: string): { http: string; database: string } {
  const parsed = new URL(url)
  const database = parsed.pathname.replace(/^\//, '') || 'baqup'
  if (!/^\w+$/.test(database)) throw new Error(`clickhouse store: the database name must be letters, digits or _`)
  const auth = parsed.username ? `${parsed.username}:${parsed.password}@` : ''
  return { http: `http://${auth}${parsed.host}`, database }
}

async function json<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>()
}

export async function openClickHouse(url: string, timeoutMs = 10_000): Promise<Store> {
  const { http, database } = parseClickHouseURL(url)
  const client = createClient({ url: http, request_timeout: timeoutMs, application: 'baqup-collector' })
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` })
  for (const query of tables(database)) await client.command({ query })
  // Read queries name tables bare, as on DuckDB: this client's default database is the store's.
  const reader = createClient({ url: http, request_timeout: timeoutMs, application: 'baqup-collector', database })
  refuseEarlierLayout(
    (
      await json<{ name: string }>(
        reader,
        `SELECT name FROM system.columns WHERE database = '${database}' AND table = 'reports'`,
      )
    ).map((row) => row.name),
  )
  // Retention deletes copies of configurations by their day, a day before the reports: every report
  // is written with a copy of its configuration at most a day older than itself, so it keeps one.
  const configurations = new StoredConfigurations(1)
  // Each collector counts a day's first report of an installation once; where two collectors both
  // received one, the queries count the installation once all the same.
  const countedDays = new CountedDays(async (when) =>
    (
      await json<{ installation: string }>(
        reader,
        `SELECT DISTINCT installation FROM installation_days WHERE day = ${day(when)}`,
      )
    ).map((row) => row.installation),
  )

  return {
    engine: 'clickhouse',
    async write(batch: Batch) {
      await countedDays.prepare(new Set(batch.reports.map((report) => report.day)))
      const rows = tableRows(batch, {
        configuration: (id, on) => configurations.has(id, on),
        installationDay: (on, installation) => countedDays.has(on, installation),
      })
      // A report after its configuration, and counted after it is stored: a failed write the client sends
      // again is then counted once, by the write that stored it.
      const order = [
        'configurations',
        'configuration_options',
        'version_checks',
        'refusals',
        'reports',
        'installation_days',
      ] as const
      for (const table of order satisfies readonly (keyof TableRows)[]) {
        if (rows[table].length === 0) continue
        const values = rows[table] as Record<string, unknown>[]
        const columns = [...COLUMNS[table]] as [string, ...string[]]
        await client.insert({ table: `${database}.${table}`, values, format: 'JSONEachRow', columns })
      }
      configurations.add(writtenConfigurations(rows))
      countedDays.add(rows.installation_days)
    },
    async stats(): Promise<StoreStats> {
      const [counts] = await json<Record<string, string>>(
        client,
        `SELECT (SELECT uniqExact(hash, day) FROM ${database}.reports) AS reports,
                (SELECT uniqExact(hash) FROM ${database}.reports) AS installations,
                (SELECT count() FROM ${database}.version_checks) AS version_checks`,
      )
      const refused = await json<{ code: string; n: string }>(
        client,
        `SELECT code, sum(n) AS n FROM ${database}.refusals GROUP BY code ORDER BY code`,
      )
      return {
        reports: Number(counts?.reports ?? 0),
        installations: Number(counts?.installations ?? 0),
        versionChecks: Number(counts?.version_checks ?? 0),
        refused: Object.fromEntries(refused.map((row) => [row.code, Number(row.n)])),
      }
    },
    async exportDay(when: string): Promise<ExportedReport[]> {
      return json<ExportedReport>(
        client,
        `SELECT toString(day) AS day, hash, argMin(version, received) AS version, argMin(codename, received) AS codename,
           argMin(build_date, received) AS buildDate, argMin(configuration, received) AS configuration
         FROM (SELECT * FROM ${database}.reports WHERE day = ${day(when)})
         ALL INNER JOIN (
           SELECT id AS configuration_id, any(configuration) AS configuration FROM ${database}.configurations
           WHERE id IN (SELECT configuration_id FROM ${database}.reports WHERE day = ${day(when)}) GROUP BY id
         ) USING configuration_id
         GROUP BY day, hash ORDER BY hash`,
      )
    },
    async applyRetention({ before, ipBefore }: Retention) {
      for (const table of ['reports', 'installation_days', 'version_checks', 'refusals']) {
        await client.command({ query: `ALTER TABLE ${database}.${table} DELETE WHERE day < ${day(before)}` })
      }
      countedDays.clear()
      // A report keeps a copy of its configuration at most a day older than itself: see `configurations`.
      const copiesBefore = new Date(Date.parse(before) - 86_400_000).toISOString().slice(0, 10)
      for (const table of ['configurations', 'configuration_options']) {
        await client.command({ query: `ALTER TABLE ${database}.${table} DELETE WHERE day < ${day(copiesBefore)}` })
      }
      for (const table of ['reports', 'version_checks']) {
        await client.command({
          query: `ALTER TABLE ${database}.${table} UPDATE ip = '' WHERE day < ${day(ipBefore)} AND ip != ''`,
        })
      }
    },
    query: (sql: string) => json<Record<string, unknown>>(reader, sql),
    async ping() {
      const answer = await client.ping()
      if (!answer.success) throw answer.error
    },
    async close() {
      await reader.close()
      await client.close()
    },
  }
}
