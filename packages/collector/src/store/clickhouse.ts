import { type ClickHouseClient, createClient, type Logger } from '@clickhouse/client'
import { checkedDay } from '../day.js'
import { sqlQueries } from '../stats/queries.js'
import { parseClickHouseLocation } from './clickhouse-location.js'
import { StoredConfigurations } from './configurations.js'
import { CountedDays } from './counted-days.js'
import { journaled } from './journaled.js'
import { columnsByTable, refuseEarlierLayout } from './layout.js'
import type { Batch, ExportedReport, Retention, Store, StoreStats } from './store.js'
import { COLUMNS, mergedRows, type TableName, type TableRows, tableRows, writtenConfigurations } from './tables.js'
import { clickhouseClusterTopology, clickhouseTopology, clusterOf, type Settings, type Topology } from './topology.js'

/**
 * The scale-out engine: any number of stateless collectors write to one ClickHouse. Only SQL
 * that ClickHouse 18.16 accepts as well as current versions: no query parameters (19.x), no TTL
 * (19.6); values put in queries are checked days and fixed names. An INSERT answers once its
 * block is written to a part: that is the durable point a 200 waits for.
 */

const day = (value: string) => `'${checkedDay(value)}'`

async function json<T>(client: ClickHouseClient, query: string, settings: Settings = {}): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow', clickhouse_settings: settings })).json<T>()
}

/**
 * Creates the store's tables unless the server a writer talks to has them all already (a
 * collector restarted while a replica is down need not wait for it), after refusing a store of an
 * earlier layout. Every statement is `IF NOT EXISTS`: writers starting together each run them, and
 * the tables are created once.
 */
async function createStore(client: ClickHouseClient, database: string, topology: Topology): Promise<void> {
  const existing = columnsByTable(
    await json<{ table: string; column: string }>(
      client,
      `SELECT table, name AS column FROM system.columns WHERE database = '${database}'`,
    ),
  )
  refuseEarlierLayout(existing)
  if (topology.created.every((table) => existing[table])) return
  for (const query of topology.create) {
    // `ON CLUSTER` answers once every server ran it, which may take longer than a request may:
    // the statement goes on in the cluster, and sending it again is harmless (`IF NOT EXISTS`).
    for (let attempt = 1; ; attempt++) {
      try {
        await client.command({ query })
        break
      } catch (error) {
        if (attempt >= 6 || !/timeout/i.test(String((error as Error)?.message ?? error))) throw error
      }
    }
  }
}

/**
 * Another quorum insert into the same table and shard is still waiting for its second replica
 * (18.16 allows one at a time): nothing of this insert was written on that shard, and a shard
 * that took it already drops the copy a retry sends again.
 */
const quorumBusy = (error: unknown) =>
  /\b286\b|Quorum for previous write has not been satisfied/.test(String((error as Error)?.message ?? error))

/** How long a writer keeps retrying an insert refused by `quorumBusy` before the commit fails. */
const QUORUM_BUSY_MS = 3000

async function insertRetried(insert: () => Promise<unknown>, retries: boolean): Promise<void> {
  const deadline = Date.now() + QUORUM_BUSY_MS
  for (let wait = 20; ; wait = Math.min(wait * 2, 400)) {
    try {
      await insert()
      return
    } catch (error) {
      if (!retries || !quorumBusy(error) || Date.now() + wait > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())))
    }
  }
}

export interface ClickHouseOptions {
  timeoutMs?: number
  /** Where the client's own log lines go (its default writes each to the console). */
  LoggerClass?: new () => Logger
  /** The password when the location has none (`BAQUP_COLLECTOR_CLICKHOUSE_PASSWORD`). */
  password?: string
}

/**
 * A report after its configuration, and counted after it is stored: a failed write the client
 * sends again is then counted once, by the write that stored it. Tables of one round are written at once.
 */
const INSERT_ROUNDS: readonly (readonly TableName[])[] = [
  ['configurations', 'configuration_options', 'version_checks', 'refusals'],
  ['reports'],
  ['installation_days'],
]

export async function openClickHouse(url: string, options: ClickHouseOptions = {}): Promise<Store> {
  const { timeoutMs = 10_000, LoggerClass, password } = options
  const log = LoggerClass && { LoggerClass }
  const { connection, database, journal } = parseClickHouseLocation(url, { password })
  const cluster = clusterOf(url)
  const topology = cluster ? clickhouseClusterTopology(database, cluster) : clickhouseTopology(database)
  const read = topology.readSettings
  const client = createClient({ ...connection, request_timeout: timeoutMs, application: 'baqup-collector', log })
  await createStore(client, database, topology)
  // Read queries name tables bare, as on DuckDB: this client's default database is the store's.
  const reader = createClient({
    ...connection,
    request_timeout: timeoutMs,
    application: 'baqup-collector',
    database,
    log,
  })
  /** Inserts a group commit's rows (or many commits' rows merged), in `INSERT_ROUNDS`; skips the tables in `done`. */
  const insertRows = async (rows: TableRows, done = new Set<TableName>()) => {
    const insert = async (table: TableName) => {
      if (rows[table].length === 0 || done.has(table)) return
      const values = rows[table] as Record<string, unknown>[]
      const columns = [...COLUMNS[table]] as [string, ...string[]]
      const target = topology.insertInto(table)
      const clickhouse_settings = topology.insertSettings(table)
      await insertRetried(
        () => client.insert({ table: target, values, format: 'JSONEachRow', columns, clickhouse_settings }),
        topology.retriesInserts,
      )
      done.add(table)
    }
    for (const round of INSERT_ROUNDS) await Promise.all(round.map(insert))
  }
  // With `?journal=DIR`, many group commits share an insert of each table (ClickHouse records no
  // line: a crash between an insert's answer and the journal's mark inserts those lines again).
  let inserted = { last: 0, done: new Set<TableName>() }
  const writes =
    journal === undefined
      ? undefined
      : await journaled(journal, {
          load(lines, last) {
            // The same lines again after a failure: the tables already inserted are not inserted twice.
            if (inserted.last !== last) inserted = { last, done: new Set() }
            return insertRows(mergedRows(lines.map((line) => line.rows)), inserted.done)
          },
        })
  /** A read sees every report acknowledged before it. */
  const select = async <T>(on: ClickHouseClient, query: string, settings: Settings = {}) => {
    await writes?.loadNow()
    return json<T>(on, query, settings)
  }

  // Retention deletes copies of configurations by their day, a day before the reports: every report
  // is written with a copy of its configuration at most a day older than itself, so it keeps one.
  const configurations = new StoredConfigurations(1)
  // Each collector counts a day's first report of an installation once; where two collectors both
  // received one, the queries count the installation once all the same.
  const countedDays = new CountedDays(async (when) =>
    (
      await select<{ installation: string }>(
        reader,
        `SELECT DISTINCT installation FROM installation_days WHERE day = ${day(when)}`,
        read,
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
      await (writes ? writes.append(rows) : insertRows(rows))
      configurations.add(writtenConfigurations(rows))
      countedDays.add(rows.installation_days)
    },
    async stats(): Promise<StoreStats> {
      const [counts] = await select<Record<string, string>>(
        client,
        `SELECT (SELECT uniqExact(hash, day) FROM ${database}.reports) AS reports,
                (SELECT uniqExact(hash) FROM ${database}.reports) AS installations,
                (SELECT count() FROM ${database}.version_checks) AS version_checks`,
        read,
      )
      const refused = await select<{ code: string; n: string }>(
        client,
        `SELECT code, sum(n) AS n FROM ${database}.refusals GROUP BY code ORDER BY code`,
        read,
      )
      return {
        reports: Number(counts?.reports ?? 0),
        installations: Number(counts?.installations ?? 0),
        versionChecks: Number(counts?.version_checks ?? 0),
        refused: Object.fromEntries(refused.map((row) => [row.code, Number(row.n)])),
      }
    },
    async exportDay(when: string): Promise<ExportedReport[]> {
      return select<ExportedReport>(
        client,
        `SELECT toString(day) AS day, hash, argMin(version, received) AS version,
           argMin(configuration, received) AS configuration
         FROM (SELECT * FROM ${database}.reports WHERE day = ${day(when)})
         ALL INNER JOIN (
           SELECT id AS configuration_id, any(configuration) AS configuration FROM ${database}.configurations
           WHERE id IN (SELECT configuration_id FROM ${database}.reports WHERE day = ${day(when)}) GROUP BY id
         ) USING configuration_id
         GROUP BY day, hash ORDER BY hash`,
        read,
      )
    },
    async applyRetention({ before, ipBefore }: Retention) {
      await writes?.loadNow()
      // A report keeps a copy of its configuration at most a day older than itself: see `configurations`.
      const copiesBefore = new Date(Date.parse(before) - 86_400_000).toISOString().slice(0, 10)
      const expiring = [
        ...(['reports', 'installation_days', 'version_checks', 'refusals'] as const).map((table) => ({
          table,
          before,
        })),
        ...(['configurations', 'configuration_options'] as const).map((table) => ({ table, before: copiesBefore })),
      ]
      for (const { table, before: expired } of expiring) {
        if (topology.expires === 'delete') {
          await client.command({ query: `ALTER TABLE ${topology.mutate(table)} DELETE WHERE day < ${day(expired)}` })
          continue
        }
        const days = await select<{ day: string }>(
          client,
          `SELECT DISTINCT toString(day) AS day FROM ${database}.${table} WHERE day < ${day(expired)}`,
          read,
        )
        if (days.length === 0) continue
        const drops = days.map((row) => `DROP PARTITION ${day(row.day)}`).join(', ')
        await client.command({ query: `ALTER TABLE ${topology.mutate(table)} ${drops}` })
      }
      countedDays.clear()
      for (const table of ['reports', 'version_checks'] as const) {
        await client.command({
          query: `ALTER TABLE ${topology.mutate(table)} UPDATE ip = '' WHERE day < ${day(ipBefore)} AND ip != ''`,
        })
      }
    },
    queries: sqlQueries('clickhouse', (sql) => select<Record<string, unknown>>(reader, sql, read)),
    async installationsPerNetwork(when: string, network?: string) {
      // No query parameters on 18.16: a network is put in the query only in the form the collector writes it.
      if (network !== undefined && !/^[0-9a-f.:]+\/\d{1,3}$/i.test(network)) throw new Error('not a network')
      return select<{ network: string; installation: string }>(
        reader,
        `SELECT DISTINCT network, toString(installation) AS installation FROM reports
         WHERE day = ${day(when)} AND network != '' ${network === undefined ? '' : `AND network = '${network}'`}`,
        read,
      )
    },
    query: (sql: string) => select<Record<string, unknown>>(reader, sql, read),
    async ping() {
      await writes?.loadNow()
      const answer = await client.ping()
      if (!answer.success) throw answer.error
      if (topology.ping) await client.command({ query: topology.ping })
    },
    async close() {
      await writes?.close()
      await reader.close()
      await client.close()
    },
  }
}
