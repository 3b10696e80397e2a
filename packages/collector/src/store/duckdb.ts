import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api'
import { sqlQueries } from '../stats/queries.js'
import { StoredConfigurations } from './configurations.js'
import { CountedDays } from './counted-days.js'
import { journaled, type Loader } from './journaled.js'
import { columnsByTable, refuseEarlierLayout } from './layout.js'
import { oneAtATime } from './one-at-a-time.js'
import type { Batch, ExportedReport, Retention, Store, StoreStats } from './store.js'
import { COLUMNS, type TableRows, tableRows, writtenConfigurations } from './tables.js'
import { duckdbTopology } from './topology.js'

/**
 * The embedded engine: one DuckDB file and its journal (`journaled.ts`), `FILE.journal/`. A group
 * commit is written to the journal and synced before it is acknowledged; DuckDB loads what the
 * journal holds in one transaction, about every 100 ms, or at once when a reader needs it.
 */

/**
 * The writer's appenders, one per table, kept open from one group commit to the next. An
 * appender writes rows straight into the table's columns, inside the writer's open transaction,
 * with none of the parsing and binding a multi-row INSERT of as many parameters costs. Strings
 * cast to DATE and TIMESTAMP where the column says so; the only numbers the tables hold are integers.
 */
function appenders(connection: DuckDBConnection) {
  const open = new Map<keyof TableRows, DuckDBAppender>()
  return {
    async append(table: keyof TableRows, rows: readonly Record<string, unknown>[]) {
      if (rows.length === 0) return
      let appender = open.get(table)
      if (!appender) {
        appender = await connection.createAppender(table)
        open.set(table, appender)
      }
      for (const row of rows) {
        for (const column of COLUMNS[table]) {
          const value = row[column]
          if (value === null || value === undefined) appender.appendNull()
          else if (typeof value === 'number') appender.appendInteger(value)
          else appender.appendVarchar(String(value))
        }
        appender.endRow()
      }
      appender.flushSync()
    },
    /** After a failed commit: rows not flushed are dropped, never flushed into a later one. */
    discard() {
      for (const appender of open.values()) {
        try {
          appender.clear()
          appender.closeSync()
        } catch {}
      }
      open.clear()
    },
  }
}

const number = (value: unknown) => Number(value ?? 0)

export async function openDuckDB(path: string): Promise<Store> {
  const instance = await DuckDBInstance.create(path)
  const writer = await instance.connect()
  const reader = await instance.connect()
  // One query at a time on the reader: a DuckDB connection that runs several at once can take the
  // process down (duckdb/duckdb-node-neo#257, duckdb/duckdb#6248), and DuckDB spreads each query
  // over its own threads anyway.
  const reading = oneAtATime()
  const read = (sql: string, values: DuckDBValue[] = []) =>
    reading(async () => (await reader.runAndReadAll(sql, values)).getRowObjectsJson() as Record<string, unknown>[])
  refuseEarlierLayout(
    columnsByTable(
      await read(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
         WHERE table_schema = 'main' ORDER BY ordinal_position`,
      ),
    ),
  )
  for (const statement of duckdbTopology().create) await writer.run(statement)
  // The last journal line DuckDB holds, written in the transaction that loads it: a line is loaded once.
  await writer.run('CREATE TABLE IF NOT EXISTS journal_position (loaded UBIGINT)')
  const [position] = await read('SELECT loaded FROM journal_position')
  if (!position) await writer.run('INSERT INTO journal_position VALUES (0)')
  const appending = appenders(writer)
  // One writer connection: a load and the retention job never interleave their transactions.
  const exclusive = oneAtATime()
  /** Journal lines into the tables in one transaction, which also records the last: a line is loaded once. */
  const loader: Loader = {
    loaded: number(position?.loaded),
    load: (lines, last) =>
      exclusive(async () => {
        await writer.run('BEGIN TRANSACTION')
        try {
          for (const table of Object.keys(COLUMNS) as (keyof TableRows)[])
            await appending.append(
              table,
              lines.flatMap((line) => line.rows[table]),
            )
          await writer.run('UPDATE journal_position SET loaded = $1', [last])
          await writer.run('COMMIT')
        } catch (error) {
          appending.discard()
          await writer.run('ROLLBACK').catch(() => {})
          throw error
        }
      }),
  }
  // Opened once DuckDB holds the file's lock: no other process writes this journal.
  const writes = await journaled(`${path}.journal`, loader, { lock: false })
  /** A read sees every report acknowledged before it. */
  const rows = async (sql: string, values: DuckDBValue[] = []) => {
    await writes.loadNow()
    return read(sql, values)
  }

  // One writer: the ids it remembers are exactly the table's, reloaded after retention deletes some.
  const configurations = new StoredConfigurations()
  const loadConfigurations = async () => {
    configurations.clear()
    const stored = await read("SELECT id, strftime(max(day), '%Y-%m-%d') AS day FROM configurations GROUP BY id")
    configurations.add(stored.map((row) => ({ id: String(row.id), day: String(row.day) })))
  }
  await loadConfigurations()
  const countedDays = new CountedDays(async (day) =>
    (await rows('SELECT installation FROM installation_days WHERE day = $1::DATE', [day])).map((row) =>
      String(row.installation),
    ),
  )
  // One group commit at a time is journaled; the retention job stops them while it runs.
  const journaling = oneAtATime()

  return {
    engine: 'duckdb',
    write: (batch: Batch) =>
      journaling(async () => {
        await countedDays.prepare(new Set(batch.reports.map((report) => report.day)))
        const tables = tableRows(batch, {
          configuration: (id, day) => configurations.has(id, day),
          installationDay: (day, installation) => countedDays.has(day, installation),
        })
        await writes.append(tables)
        configurations.add(writtenConfigurations(tables))
        countedDays.add(tables.installation_days)
      }),
    async stats(): Promise<StoreStats> {
      const [counts] = await rows(`SELECT
        (SELECT count(*) FROM (SELECT DISTINCT hash, day FROM reports)) AS reports,
        (SELECT count(DISTINCT hash) FROM reports) AS installations,
        (SELECT count(*) FROM version_checks) AS version_checks`)
      const refused = await rows('SELECT code, sum(n) AS n FROM refusals GROUP BY code ORDER BY code')
      return {
        reports: number(counts?.reports),
        installations: number(counts?.installations),
        versionChecks: number(counts?.version_checks),
        refused: Object.fromEntries(refused.map((row) => [String(row.code), number(row.n)])),
      }
    },
    async exportDay(day: string): Promise<ExportedReport[]> {
      const found = await rows(
        `SELECT strftime(r.day, '%Y-%m-%d') AS day, hash, arg_min(version, received) AS version,
           arg_min(c.configuration, received) AS configuration
         FROM reports AS r JOIN configurations AS c ON c.id = r.configuration_id
         WHERE r.day = $1::DATE GROUP BY r.day, hash ORDER BY hash`,
        [day],
      )
      return found as unknown as ExportedReport[]
    },
    applyRetention: ({ before, ipBefore }: Retention) =>
      // No group commit is journaled meanwhile: what one writes depends on the configurations and days kept.
      journaling(async () => {
        await writes.loadNow()
        await exclusive(async () => {
          for (const table of ['reports', 'installation_days', 'version_checks', 'refusals']) {
            await writer.run(`DELETE FROM ${table} WHERE day < $1::DATE`, [before])
          }
          countedDays.clear()
          const unused = 'NOT IN (SELECT DISTINCT configuration_id FROM reports)'
          await writer.run(`DELETE FROM configuration_options WHERE configuration_id ${unused}`)
          await writer.run(`DELETE FROM configurations WHERE id ${unused}`)
          await loadConfigurations()
          for (const table of ['reports', 'version_checks']) {
            await writer.run(`UPDATE ${table} SET ip = '' WHERE day < $1::DATE AND ip <> ''`, [ipBefore])
          }
        })
      }),
    queries: sqlQueries('duckdb', (sql) => rows(sql)),
    async installationsPerNetwork(day: string, network?: string) {
      const found = await rows(
        `SELECT DISTINCT network, CAST(installation AS VARCHAR) AS installation FROM reports
         WHERE day = $1::DATE AND network <> '' ${network === undefined ? '' : 'AND network = $2'}`,
        network === undefined ? [day] : [day, network],
      )
      return found.map((row) => ({ network: String(row.network), installation: String(row.installation) }))
    },
    query: (sql: string) => rows(sql),
    async ping() {
      await rows('SELECT 1')
    },
    async close() {
      // What is under way ends first: the last group commit, the last load, the last read.
      await journaling(async () => {})
      await writes.close()
      await exclusive(async () => {})
      await reading(async () => {})
      appending.discard()
      writer.closeSync()
      reader.closeSync()
      instance.closeSync()
    },
  }
}
