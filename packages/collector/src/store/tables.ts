import { type Batch, optionValueText } from './store.js'

/** The rows of a batch, table by table, as plain records: what both engines insert. */

export interface TableRows {
  reports: Record<string, string>[]
  options: Record<string, string | null>[]
  version_checks: Record<string, string>[]
  refusals: Record<string, string | number>[]
}

/** `2024-05-01T10:00:00.000Z` → `2024-05-01 10:00:00`: a timestamp both engines read. */
export const sqlTime = (iso: string) => iso.slice(0, 19).replace('T', ' ')

export function tableRows(batch: Batch): TableRows {
  const refusals = new Map<string, { day: string; code: string; n: number }>()
  for (const { day, code } of batch.refusals) {
    const key = `${day} ${code}`
    const row = refusals.get(key) ?? { day, code, n: 0 }
    row.n++
    refusals.set(key, row)
  }
  return {
    reports: batch.reports.map((report) => ({
      id: report.id,
      day: report.day,
      received: sqlTime(report.received),
      hash: report.hash,
      version: report.version,
      codename: report.codename,
      build_date: report.buildDate,
      network: report.network,
      ip: report.ip,
      configuration: report.configuration,
    })),
    options: batch.reports.flatMap((report) =>
      report.options.map((row) => ({
        report_id: report.id,
        day: report.day,
        hash: report.hash,
        path: row.path,
        value: optionValueText(row.value),
      })),
    ),
    version_checks: batch.versionChecks.map((check) => ({ ...check, received: sqlTime(check.received) })),
    refusals: [...refusals.values()],
  }
}

export const COLUMNS = {
  reports: ['id', 'day', 'received', 'hash', 'version', 'codename', 'build_date', 'network', 'ip', 'configuration'],
  options: ['report_id', 'day', 'hash', 'path', 'value'],
  version_checks: ['day', 'received', 'version', 'network', 'ip'],
  refusals: ['day', 'code', 'n'],
} as const satisfies Record<keyof TableRows, readonly string[]>
