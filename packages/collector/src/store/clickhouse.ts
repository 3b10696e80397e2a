import { type ClickHouseClient, createClient, type Logger } from '@clickhouse/client'
import { sqlQueries } from '../stats/queries.js'
import { StoredConfigurations } from './configurations.js'
import { CountedDays } from './counted-days.js'
import { columnsByTable, refuseEarlierLayout } from './layout.js'
import type { Batch, ExportedReport, Retention, Store, StoreStats } from './store.js'
import {
  COLUMNS,
  type ColumnType,
  createTables,
  type TableRows,
  type TableSpec,
  tableRows,
  writtenConfigurations,
} from './tables.js'

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

const TYPES = {
  day: 'Date',
  time: 'DateTime',
  text: 'String',
  key: 'UInt64',
  int: 'UInt32',
  'optional-text': 'Nullable(String)',
} as const satisfies Record<ColumnType, string>

/**
 * MergeTree by month. Collectors each write copies of a configuration: `replacing` tables let
 * merges keep one a month, and queries read distinct rows.
 */
const tableEngine = (spec: TableSpec) =>
  `ENGINE = ${spec.merge === 'replacing' ? 'ReplacingMergeTree()' : 'MergeTree()'} PARTITION BY toYYYYMM(day) ORDER BY (${spec.order.join(', ')})`

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

export interface ClickHouseOptions {
  timeoutMs?: number
  /** Where the client's own log lines go (its default writes each to the console). */
  LoggerClass?: new () => Logger
}

export async function openClickHouse(url: string, options: ClickHouseOptions = {}): Promise<Store> {
  const { timeoutMs = 10_000, LoggerClass } = options
  const log = LoggerClass && { LoggerClass }
  const { http, database } = parseClickHouseURL(url)
  const client = createClient({ url: http, request_timeout: timeoutMs, application: 'baqup-collector', log })
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` })
  refuseEarlierLayout(
    columnsByTable(
      await json<{ table: string; column: string }>(
        client,
        `SELECT table, name AS column FROM system.columns WHERE database = '${database}'`,
      ),
    ),
  )
  for (const query of createTables(TYPES, (table) => `${database}.${table}`, tableEngine))
    await client.command({ query })
  // Read queries name tables bare, as on DuckDB: this client's default database is the store's.
  const reader = createClient({ url: http, request_timeout: timeoutMs, application: 'baqup-collector', database, log })
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
        `SELECT toString(day) AS day, hash, argMin(version, received) AS version,
           argMin(configuration, received) AS configuration
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
    queries: sqlQueries('clickhouse', (sql) => json<Record<string, unknown>>(reader, sql)),
    async installationsPerNetwork(when: string, network?: string) {
      // No query parameters on 18.16: a network is put in the query only in the form the collector writes it.
      if (network !== undefined && !/^[0-9a-f.:]+\/\d{1,3}$/i.test(network)) throw new Error('not a network')
      return json<{ network: string; installation: string }>(
        reader,
        `SELECT DISTINCT network, toString(installation) AS installation FROM reports
         WHERE day = ${day(when)} AND network != '' ${network === undefined ? '' : `AND network = '${network}'`}`,
      )
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
