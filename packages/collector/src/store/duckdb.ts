import { sqlQueries } from '../stats/queries.js'
import { StoredConfigurations } from './configurations.js'
import { CountedDays } from './counted-days.js'
import { type DuckDBThread, startDuckDBThread, type Values } from './duckdb-thread.js'
import { journaled, type Loader } from './journaled.js'
import { columnsByTable, refuseEarlierLayout } from './layout.js'
import { oneAtATime } from './one-at-a-time.js'
import type { Batch, ExportedReport, Retention, Store, StoreStats } from './store.js'
import { tableRows, writtenConfigurations } from './tables.js'
import { duckdbTopology } from './topology.js'

/**
 * The embedded engine: one DuckDB file and its journal (`journaled.ts`), `FILE.journal/`. A group
 * commit is written to the journal and synced before it is acknowledged; DuckDB loads what the
 * journal holds in one transaction, about every 100 ms, or at once when a reader needs it. DuckDB
 * itself runs in a thread of its own (`duckdb-thread.ts`), away from the requests.
 */

const number = (value: unknown) => Number(value ?? 0)

export async function openDuckDB(path: string): Promise<Store> {
  const database = startDuckDBThread(path)
  try {
    return await openedDuckDB(path, database)
  } catch (error) {
    await database.close().catch(() => {})
    throw error
  }
}

async function openedDuckDB(path: string, database: DuckDBThread): Promise<Store> {
  // One query at a time on the reader: a DuckDB connection that runs several at once can take the
  // process down (duckdb/duckdb-node-neo#257, duckdb/duckdb#6248), and DuckDB spreads each query
  // over its own threads anyway.
  const reading = oneAtATime()
  const read = (sql: string, values: Values = []) => reading(() => database.read(sql, values))
  refuseEarlierLayout(
    columnsByTable(
      await read(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
         WHERE table_schema = 'main' ORDER BY ordinal_position`,
      ),
    ),
  )
  for (const statement of duckdbTopology().create) await database.run(statement)
  // The last journal line DuckDB holds, written in the transaction that loads it: a line is loaded once.
  await database.run('CREATE TABLE IF NOT EXISTS journal_position (loaded UBIGINT)')
  const [position] = await read('SELECT loaded FROM journal_position')
  if (!position) await database.run('INSERT INTO journal_position VALUES (0)')
  // One writer connection: a load and the retention job never interleave their transactions.
  const exclusive = oneAtATime()
  const loader: Loader = {
    loaded: number(position?.loaded),
    load: (lines, last) =>
      exclusive(() =>
        database.load(
          lines.map((line) => line.text),
          last,
        ),
      ),
  }
  // Opened once DuckDB holds the file's lock: no other process writes this journal.
  const writes = await journaled(`${path}.journal`, loader, { lock: false })
  /** A read sees every report acknowledged before it. */
  const rows = async (sql: string, values: Values = []) => {
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
            await database.run(`DELETE FROM ${table} WHERE day < $1::DATE`, [before])
          }
          countedDays.clear()
          const unused = 'NOT IN (SELECT DISTINCT configuration_id FROM reports)'
          await database.run(`DELETE FROM configuration_options WHERE configuration_id ${unused}`)
          await database.run(`DELETE FROM configurations WHERE id ${unused}`)
          await loadConfigurations()
          for (const table of ['reports', 'version_checks']) {
            await database.run(`UPDATE ${table} SET ip = '' WHERE day < $1::DATE AND ip <> ''`, [ipBefore])
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
      await database.close()
    },
  }
}
