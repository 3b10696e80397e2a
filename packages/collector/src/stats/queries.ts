import type { Store } from '../store/store.js'

/**
 * The aggregate queries, in SQL that DuckDB and ClickHouse 18.16 both accept; where they differ
 * (turning text into a number) the dialect says how. Every count is of distinct installations
 * (`count(DISTINCT hash)`), so a report counts once per (hash, day) and an installation once per
 * bucket. Values put in queries are checked days and schema paths, quoted.
 */

export interface Window {
  /** First and last day, `YYYY-MM-DD`, both included. */
  readonly from: string
  readonly to: string
}

const DIALECTS = {
  duckdb: { number: (expr: string) => `TRY_CAST(${expr} AS DOUBLE)` },
  clickhouse: { number: (expr: string) => `toFloat64OrZero(${expr})` },
} as const satisfies Record<Store['engine'], { number(expr: string): string }>

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** Schema paths only (`a.<name>.b[]`): nothing that could need escaping reaches a query. */
const PATH = /^[\w.<>[\]-]+$/
const quote = (path: string) => {
  if (!PATH.test(path)) throw new Error(`not an option path: ${JSON.stringify(path)}`)
  return `'${path}'`
}
const list = (values: readonly string[]) => (values.length ? values.map(quote).join(', ') : "''")

function within({ from, to }: Window): string {
  if (!DAY.test(from) || !DAY.test(to)) throw new Error(`not a day range: ${from}..${to}`)
  return `day >= '${from}' AND day <= '${to}'`
}

/** Upper edges of the number buckets: powers of ten, so any int or float option fits the same scale. */
export const NUMBER_EDGES = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000] as const

/** `0`, `<0`, `[0,1)`, `[1,10)` … `[100000,1000000)`, `>=1000000`: the bucket of a number, as SQL. */
function bucketOf(number: string): string {
  const steps = NUMBER_EDGES.map((edge, index) => {
    const low = index === 0 ? 0 : NUMBER_EDGES[index - 1]
    return `WHEN ${number} < ${edge} THEN '[${low},${edge})'`
  })
  return `CASE WHEN ${number} < 0 THEN '<0' WHEN ${number} = 0 THEN '0' ${steps.join(' ')} ELSE '>=${NUMBER_EDGES.at(-1)}' END`
}

export type Row = Record<string, unknown>

export interface Queries {
  installationsByDay(window: Window): Promise<Row[]>
  installations(window: Window): Promise<Row[]>
  versions(window: Window, byDay: boolean): Promise<Row[]>
  versionChecks(window: Window, byDay: boolean): Promise<Row[]>
  /** Installations that set each path, over the window (optionally only rows whose value is `true`). */
  adoption(window: Window, paths?: readonly string[], onlyTrue?: boolean): Promise<Row[]>
  adoptionByDay(window: Window, path: string): Promise<Row[]>
  /** Per path and value (numbers in buckets), the installations. */
  values(window: Window, paths: readonly string[], numberPaths: readonly string[]): Promise<Row[]>
  /** Installations by number of entries of a map (the most fields of one kind set in one report). */
  entries(window: Window, fields: readonly string[]): Promise<Row[]>
}

export function queries(store: Store): Queries {
  const { number } = DIALECTS[store.engine]
  const run = (sql: string) => store.query(sql)
  return {
    installationsByDay: (window) =>
      run(`SELECT day, count(DISTINCT hash) AS installations FROM reports WHERE ${within(window)} GROUP BY day`),
    installations: (window) => run(`SELECT count(DISTINCT hash) AS installations FROM reports WHERE ${within(window)}`),
    versions: (window, byDay) =>
      run(`SELECT ${byDay ? 'day, ' : ''}version, count(DISTINCT hash) AS installations FROM reports
           WHERE ${within(window)} GROUP BY ${byDay ? 'day, ' : ''}version`),
    versionChecks: (window, byDay) =>
      run(`SELECT ${byDay ? 'day, ' : ''}version, count(*) AS checks,
             count(DISTINCT CASE WHEN network <> '' THEN network END) AS networks
           FROM version_checks WHERE ${within(window)} GROUP BY ${byDay ? 'day, ' : ''}version`),
    adoption: (window, paths, onlyTrue = false) =>
      run(`SELECT path, count(DISTINCT hash) AS installations FROM options WHERE ${within(window)}
           ${paths ? `AND path IN (${list(paths)})` : ''} ${onlyTrue ? "AND value = 'true'" : ''} GROUP BY path`),
    adoptionByDay: (window, path) =>
      run(`SELECT day, count(DISTINCT hash) AS installations FROM options
           WHERE ${within(window)} AND path = ${quote(path)} GROUP BY day`),
    values: (window, paths, numberPaths) =>
      run(`SELECT path, bucket AS value, count(DISTINCT hash) AS installations FROM (
             SELECT path, hash, CASE WHEN path IN (${list(numberPaths)}) THEN ${bucketOf(number('value'))}
               ELSE value END AS bucket
             FROM options WHERE ${within(window)} AND path IN (${list(paths)}) AND value IS NOT NULL
           ) AS valued GROUP BY path, bucket`),
    entries: (window, fields) =>
      run(`SELECT entries, count(*) AS installations FROM (
             SELECT hash, max(set_in_report) AS entries FROM (
               SELECT report_id, hash, path, count(*) AS set_in_report FROM options
               WHERE ${within(window)} AND path IN (${list(fields)}) GROUP BY report_id, hash, path
             ) AS per_field GROUP BY hash
           ) AS per_installation GROUP BY entries`),
  }
}
