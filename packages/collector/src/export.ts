import type { ExportedReport } from './store/store.js'

const CSV_COLUMNS: (keyof ExportedReport)[] = ['day', 'hash', 'version', 'codename', 'buildDate', 'configuration']

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** A day's reports as JSON (configurations as objects) or CSV (configurations as JSON text). */
export function formatExport(rows: readonly ExportedReport[], format: 'json' | 'csv'): string {
  if (format === 'csv') {
    const lines = rows.map((row) => CSV_COLUMNS.map((column) => csvCell(String(row[column]))).join(','))
    return `${[CSV_COLUMNS.join(','), ...lines].join('\n')}\n`
  }
  const parsed = rows.map((row) => ({ ...row, configuration: JSON.parse(row.configuration) as unknown }))
  return `${JSON.stringify(parsed, null, 2)}\n`
}
