import { isDay } from '../day.js'

/**
 * The named aggregate queries statistics call, and their SQL, which DuckDB and ClickHouse 18.16
 * both accept; where they differ (turning text into a number, counting a day's rows) the dialect
 * says how. Each engine implements `Queries` with `sqlQueries(its dialect, its reader)`.
 * Statistics read `installation_days`, a row per installation and day (its first report that day,
 * with the network it came from), and count installations by their 64-bit key, once per day and
 * once per bucket. Beside every count of installations is the count of distinct networks they
 * came from (`networks`): the threshold needs both. A report names its
 * configuration, kept once with its option rows: option statistics join the window's
 * (installation, configuration) pairs to the option rows of those configurations, never the
 * option rows of every report. Values put in queries are checked days and schema paths, quoted.
 */

export interface Window {
  /** First and last day, `YYYY-MM-DD`, both included. */
  readonly from: string
  readonly to: string
  /**
   * Only the days installations reported one of these versions (the releases that have an
   * option, see `option-releases.ts`); every version when absent.
   */
  readonly versions?: readonly string[]
}

/**
 * `perDay`: installations in a group of `installation_days` rows of one day. DuckDB's one writer
 * adds a row per installation and day, so it counts rows; collectors writing to one ClickHouse
 * may each add one, so it counts distinct installations.
 */
const DIALECTS = {
  duckdb: { number: (expr: string) => `TRY_CAST(${expr} AS DOUBLE)`, perDay: 'count(*)' },
  clickhouse: { number: (expr: string) => `toFloat64OrZero(${expr})`, perDay: 'count(DISTINCT installation)' },
} as const satisfies Record<string, { number(expr: string): string; perDay: string }>
export type Dialect = keyof typeof DIALECTS

/** Distinct known networks of a group of rows; `--ip=none` stores none (empty), which count for nothing. */
const NETWORKS = "count(DISTINCT CASE WHEN network <> '' THEN network END)"

/** Schema paths only (`a.<name>.b[]`): nothing that could need escaping reaches a query. */
const PATH = /^[\w.<>[\]-]+$/
const quote = (path: string) => {
  if (!PATH.test(path)) throw new Error(`not an option path: ${JSON.stringify(path)}`)
  return `'${path}'`
}
const list = (values: readonly string[]) => (values.length ? values.map(quote).join(', ') : "''")

/** Stored versions are `dev` or releases the collector knows (`known-versions.ts`); checked again here all the same. */
const VERSION = /^[\w.+-]{1,64}$/
const versionList = (versions: readonly string[]) =>
  versions.length
    ? versions
        .map((version) => {
          if (!VERSION.test(version)) throw new Error(`not a version: ${JSON.stringify(version)}`)
          return `'${version}'`
        })
        .join(', ')
    : "''"

function within({ from, to, versions }: Window): string {
  if (!isDay(from) || !isDay(to)) throw new Error(`not a day range: ${from}..${to}`)
  const days = `day >= '${from}' AND day <= '${to}'`
  return versions ? `${days} AND version IN (${versionList(versions)})` : days
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

/** Every count of installations comes with `networks`, the distinct networks they came from. */
export interface Queries {
  installationsByDay(window: Window): Promise<Row[]>
  installations(window: Window): Promise<Row[]>
  versions(window: Window, byDay: boolean): Promise<Row[]>
  /** Counted by networks (a version check has no installation): `checks` and `networks`. */
  versionChecks(window: Window, byDay: boolean): Promise<Row[]>
  /** Installations by the country of their reports (`''`: unknown). */
  countries(window: Window): Promise<Row[]>
  /** Version checks by country: `checks` and `networks`; one row, `country` null, for all of them with `total`. */
  versionChecksByCountry(window: Window, total: boolean): Promise<Row[]>
  /** Installations that set each path, over the window, and among them those whose value is `true` (`…_true`). */
  adoption(window: Window, paths?: readonly string[]): Promise<Row[]>
  /** Installations that set any path of each group (`{ 'providers.file': [its fields] }`), as `path`. */
  groupAdoption(window: Window, groups: Readonly<Record<string, readonly string[]>>): Promise<Row[]>
  /** Per day, the installations that set any of `paths` (one option, or the fields of a group). */
  adoptionByDay(window: Window, paths: readonly string[]): Promise<Row[]>
  /** Per path and value (numbers in buckets), the installations. */
  values(window: Window, paths: readonly string[], numberPaths: readonly string[]): Promise<Row[]>
  /**
   * Installations by bucket of entries of a map (the most fields of one kind set in one
   * configuration): `0`, `1` … `4`, `5-9`, `10+`; every installation of the window is in one.
   */
  entries(window: Window, fields: readonly string[]): Promise<Row[]>
}

/** The window's installations, each with the configurations it reported and the networks it reported from. */
const present = (window: Window) =>
  `(SELECT DISTINCT installation, configuration_id, network FROM installation_days WHERE ${within(window)}) AS present`

/** `present` joined to a table keyed by configuration. */
const joined = (window: Window, byConfiguration: string) =>
  `${present(window)} JOIN (${byConfiguration}) AS used USING (configuration_id)`

/** Rows may repeat where several writers stored one configuration: (configuration_id, n) says which. */
const optionRows = (where: string) =>
  `(SELECT DISTINCT configuration_id, n, path, value FROM configuration_options WHERE ${where}) AS rows`

/** Exact entry counts up to 4, then ranges. */
const entryBucket = (entries: string) =>
  `CASE ${[0, 1, 2, 3, 4].map((n) => `WHEN ${entries} = ${n} THEN '${n}'`).join(' ')}
   WHEN ${entries} < 10 THEN '5-9' ELSE '10+' END`

/** The named queries over an engine's reader, in its dialect. */
export function sqlQueries(dialect: Dialect, run: (sql: string) => Promise<Row[]>): Queries {
  const { number, perDay } = DIALECTS[dialect]
  return {
    installationsByDay: (window) =>
      run(`SELECT day, ${perDay} AS installations, ${NETWORKS} AS networks
           FROM installation_days WHERE ${within(window)} GROUP BY day`),
    installations: (window) =>
      run(`SELECT count(DISTINCT installation) AS installations, ${NETWORKS} AS networks
           FROM installation_days WHERE ${within(window)}`),
    versions: (window, byDay) =>
      run(`SELECT ${byDay ? 'day, ' : ''}version, ${byDay ? perDay : 'count(DISTINCT installation)'} AS installations,
             ${NETWORKS} AS networks
           FROM installation_days WHERE ${within(window)} GROUP BY ${byDay ? 'day, ' : ''}version`),
    versionChecks: (window, byDay) =>
      run(`SELECT ${byDay ? 'day, ' : ''}version, count(*) AS checks, ${NETWORKS} AS networks
           FROM version_checks WHERE ${within(window)} GROUP BY ${byDay ? 'day, ' : ''}version`),
    countries: (window) =>
      run(`SELECT country, count(DISTINCT installation) AS installations, ${NETWORKS} AS networks
           FROM installation_days WHERE ${within(window)} GROUP BY country`),
    versionChecksByCountry: (window, total) =>
      run(`SELECT ${total ? '' : 'country, '}count(*) AS checks, ${NETWORKS} AS networks
           FROM version_checks WHERE ${within(window)} ${total ? '' : 'GROUP BY country'}`),
    adoption: (window, paths) =>
      run(`SELECT path, count(DISTINCT installation) AS installations, ${NETWORKS} AS networks,
             count(DISTINCT CASE WHEN is_true = 1 THEN installation END) AS installations_true,
             count(DISTINCT CASE WHEN is_true = 1 AND network <> '' THEN network END) AS networks_true
           FROM ${joined(
             window,
             `SELECT configuration_id, path, max(CASE WHEN value = 'true' THEN 1 ELSE 0 END) AS is_true
              FROM configuration_options ${paths ? `WHERE path IN (${list(paths)})` : ''} GROUP BY configuration_id, path`,
           )} GROUP BY path`),
    groupAdoption: (window, groups) => {
      const cases = Object.entries(groups).map(([group, paths]) => `WHEN path IN (${list(paths)}) THEN ${quote(group)}`)
      if (cases.length === 0) return Promise.resolve([])
      return run(
        `SELECT grouped AS path, count(DISTINCT installation) AS installations, ${NETWORKS} AS networks FROM ${joined(
          window,
          `SELECT DISTINCT configuration_id, CASE ${cases.join(' ')} END AS grouped FROM configuration_options
         WHERE path IN (${list(Object.values(groups).flat())})`,
        )} GROUP BY grouped`,
      )
    },
    adoptionByDay: (window, paths) =>
      run(`SELECT day, ${perDay} AS installations, ${NETWORKS} AS networks FROM installation_days
           WHERE ${within(window)}
           AND configuration_id IN (SELECT configuration_id FROM configuration_options WHERE path IN (${list(paths)}))
           GROUP BY day`),
    values: (window, paths, numberPaths) =>
      run(
        `SELECT path, bucket AS value, count(DISTINCT installation) AS installations, ${NETWORKS} AS networks
         FROM ${joined(
           window,
           `SELECT DISTINCT configuration_id, path, CASE WHEN path IN (${list(numberPaths)}) THEN ${bucketOf(number('value'))}
           ELSE value END AS bucket
         FROM configuration_options WHERE path IN (${list(paths)}) AND value IS NOT NULL`,
         )} GROUP BY path, bucket`,
      ),
    // Every installation of the window (those that set none of the fields in bucket 0), then the
    // networks of each bucket's installations, from their rows of the window.
    entries: (window, fields) =>
      run(`SELECT bucket, count(DISTINCT installation) AS installations, ${NETWORKS} AS networks FROM (
             SELECT installation, ${entryBucket('entries')} AS bucket FROM (
               SELECT installation, max(coalesce(set_in_configuration, 0)) AS entries
               FROM ${present(window)} LEFT JOIN (
                 SELECT configuration_id, max(rows_set) AS set_in_configuration FROM (
                   SELECT configuration_id, path, count(*) AS rows_set FROM ${optionRows(`path IN (${list(fields)})`)}
                   GROUP BY configuration_id, path
                 ) AS per_field GROUP BY configuration_id
               ) AS used USING (configuration_id) GROUP BY installation
             ) AS per_installation
           ) AS bucketed JOIN (
             SELECT DISTINCT installation, network FROM installation_days WHERE ${within(window)}
           ) AS seen USING (installation) GROUP BY bucket`),
  }
}
