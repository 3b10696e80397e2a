import { key64 } from './configurations.js'
import { type Batch, optionValueText } from './store.js'

/** The rows of a batch, table by table, as plain records: what both engines insert. */

export interface TableRows {
  reports: Record<string, string | number>[]
  installation_days: {
    day: string
    installation: string
    version: string
    network: string
    country: string
    asn: number
    configuration_id: string
  }[]
  configurations: Record<string, string>[]
  configuration_options: Record<string, string | number | null>[]
  version_checks: Record<string, string | number>[]
  refusals: Record<string, string | number>[]
}

/** `2024-05-01T10:00:00.000Z` → `2024-05-01 10:00:00`: a timestamp both engines read. */
export const sqlTime = (iso: string) => iso.slice(0, 19).replace('T', ' ')

export interface Written {
  /** A configuration stored already, as a report of that day needs it. */
  configuration(id: string, day: string): boolean
  /** An installation counted on that day already. */
  installationDay(day: string, installation: string): boolean
}

/**
 * The batch's rows. A configuration already stored, or twice in the batch, is written once; an
 * installation's first report of a day, and only that one, adds its row to `installation_days`.
 */
export function tableRows(batch: Batch, written: Written): TableRows {
  const refusals = new Map<string, { day: string; code: string; n: number }>()
  for (const { day, code } of batch.refusals) {
    const key = `${day} ${code}`
    const row = refusals.get(key) ?? { day, code, n: 0 }
    row.n++
    refusals.set(key, row)
  }
  const rows: TableRows = {
    reports: [],
    installation_days: [],
    configurations: [],
    configuration_options: [],
    version_checks: [],
    refusals: [],
  }
  const added = new Set<string>()
  const counted = new Set<string>()
  for (const report of batch.reports) {
    const { id, json, options } = report.configuration
    const installation = key64(report.hash)
    rows.reports.push({
      id: report.id,
      day: report.day,
      received: sqlTime(report.received),
      hash: report.hash,
      installation,
      version: report.version,
      network: report.network,
      ip: report.ip,
      country: report.country,
      asn: report.asn,
      configuration_id: id,
    })
    const dayKey = `${report.day} ${installation}`
    if (!counted.has(dayKey) && !written.installationDay(report.day, installation)) {
      counted.add(dayKey)
      rows.installation_days.push({
        day: report.day,
        installation,
        version: report.version,
        network: report.network,
        country: report.country,
        asn: report.asn,
        configuration_id: id,
      })
    }
    if (added.has(id) || written.configuration(id, report.day)) continue
    added.add(id)
    rows.configurations.push({ day: report.day, id, configuration: json })
    options.forEach((row, n) => {
      rows.configuration_options.push({
        day: report.day,
        configuration_id: id,
        n,
        path: row.path,
        value: optionValueText(row.value),
      })
    })
  }
  rows.version_checks = batch.versionChecks.map((check) => ({ ...check, received: sqlTime(check.received) }))
  rows.refusals = [...refusals.values()]
  return rows
}

/** The rows of several batches as one: each table's rows, batch after batch. */
export function mergedRows(batches: readonly TableRows[]): TableRows {
  const merged = Object.fromEntries(tableSpecs().map(([table]) => [table, batches.flatMap((rows) => rows[table])]))
  return merged as unknown as TableRows
}

/** The ids of the configurations a batch's rows write. */
export const writtenConfigurations = (rows: TableRows) =>
  rows.configurations.map((row) => ({ id: row.id as string, day: row.day as string }))

/**
 * Each table once: its logical columns, order key, merge behaviour and shard key. A topology
 * (`topology.ts`) renders it for an engine: DDL, insert targets and settings, mutation targets.
 * Only what statistics (or retention) use is kept: no codename, build date or User-Agent text.
 */
export type ColumnType = 'day' | 'time' | 'text' | 'key' | 'int' | 'optional-text'

export interface TableSpec {
  readonly columns: Readonly<Record<string, ColumnType>>
  readonly order: readonly string[]
  /** `replacing`: several writers may store the same row (a configuration); merges may keep one. */
  readonly merge: 'append' | 'replacing'
  /**
   * The column rows are sharded by on a cluster: an installation's rows, or a configuration's,
   * live on one shard. None: rows spread at random.
   */
  readonly shard?: string
  /**
   * Rows that count events (a refusal, a version check): two equal blocks are two events, so a
   * replicated engine must not drop the second as a retried copy of the first. Every other
   * table's blocks are unique (a report's random id) or harmless to keep once (an installation's
   * day, a configuration), and a retried insert is stored once.
   */
  readonly counts?: true
}

export const TABLES = {
  reports: {
    columns: {
      id: 'text',
      day: 'day',
      received: 'time',
      hash: 'text',
      installation: 'key',
      version: 'text',
      network: 'text',
      ip: 'text',
      country: 'text',
      asn: 'int',
      configuration_id: 'key',
    },
    order: ['day', 'installation'],
    merge: 'append',
    shard: 'installation',
  },
  /** The row statistics read: an installation's first report of a day, with the network it came from. */
  installation_days: {
    columns: {
      day: 'day',
      installation: 'key',
      version: 'text',
      network: 'text',
      country: 'text',
      asn: 'int',
      configuration_id: 'key',
    },
    order: ['day', 'installation'],
    merge: 'append',
    shard: 'installation',
  },
  configurations: {
    columns: { day: 'day', id: 'key', configuration: 'text' },
    order: ['id'],
    merge: 'replacing',
    shard: 'id',
  },
  configuration_options: {
    columns: { day: 'day', configuration_id: 'key', n: 'int', path: 'text', value: 'optional-text' },
    order: ['configuration_id', 'n'],
    merge: 'replacing',
    shard: 'configuration_id',
  },
  version_checks: {
    columns: {
      day: 'day',
      received: 'time',
      version: 'text',
      network: 'text',
      ip: 'text',
      country: 'text',
      asn: 'int',
    },
    order: ['day', 'version'],
    merge: 'append',
    counts: true,
  },
  refusals: {
    columns: { day: 'day', code: 'text', n: 'int' },
    order: ['day', 'code'],
    merge: 'append',
    counts: true,
  },
} as const satisfies Record<keyof TableRows, TableSpec>

/** The columns each engine inserts, in order. */
export const COLUMNS = Object.fromEntries(
  Object.entries(TABLES).map(([name, spec]) => [name, Object.keys(spec.columns)]),
) as unknown as Record<keyof TableRows, readonly string[]>

export type TableName = keyof TableRows

/** The tables, with their specs, in the order they are created. */
export const tableSpecs = () => Object.entries(TABLES) as [TableName, TableSpec][]
