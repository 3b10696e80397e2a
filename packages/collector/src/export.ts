import type * as z from 'zod'
import { daily, dailyCSV } from './stats/daily.js'
import { dailySchema } from './stats/schemas.js'
import { statsCatalog } from './stats/sections.js'
import { dayOf } from './stats/window.js'
import type { ExportedReport, Store } from './store/store.js'

export interface DailyExportOptions {
  store: Store
  schema: z.ZodType
  minCount: number
  now?: Date
}

/** The day's published file, the content of what `GET /data/daily/DAY.json` (or `.csv`) serves for the same store. */
export async function exportDaily(options: DailyExportOptions, day: string, format: 'json' | 'csv'): Promise<string> {
  const { store, schema, minCount, now = new Date() } = options
  const context = { store, catalog: statsCatalog(schema), minCount }
  const file = dailySchema.parse(await daily(context, day, day < dayOf(now)))
  return format === 'csv' ? dailyCSV(file) : `${JSON.stringify(file)}\n`
}

const CSV_COLUMNS: (keyof ExportedReport)[] = ['day', 'hash', 'version', 'codename', 'buildDate', 'configuration']

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** `--raw`: a day's reports as JSON (configurations as objects) or CSV (configurations as JSON text). */
export function formatExport(rows: readonly ExportedReport[], format: 'json' | 'csv'): string {
  if (format === 'csv') {
    const lines = rows.map((row) => CSV_COLUMNS.map((column) => csvCell(String(row[column]))).join(','))
    return `${[CSV_COLUMNS.join(','), ...lines].join('\n')}\n`
  }
  const parsed = rows.map((row) => ({ ...row, configuration: JSON.parse(row.configuration) as unknown }))
  return `${JSON.stringify(parsed, null, 2)}\n`
}
