import type * as z from 'zod'
import type { CollectorConfig } from './config/schema.js'
import { csv } from './stats/csv.js'
import { daily, dailyCSV } from './stats/daily.js'
import { statsContext } from './stats/routes.js'
import { dailySchema } from './stats/schemas.js'
import { isFinished } from './stats/window.js'
import type { ExportedReport, Store } from './store/store.js'

export interface DailyExportOptions {
  store: Store
  schema: z.ZodType
  /** The threshold settings, as `serve` reads them: the same file comes out. */
  config: Pick<CollectorConfig, 'minCount' | 'minNetworks' | 'ip'>
  now?: Date
}

/** A day that is not over: it has no daily file yet. */
export class UnfinishedDay extends Error {
  override readonly name = 'UnfinishedDay'
}

/** The day's published file, the content of what `GET /data/daily/DAY.json` (or `.csv`) serves for the same store. */
export async function exportDaily(options: DailyExportOptions, day: string, format: 'json' | 'csv'): Promise<string> {
  const { store, schema, config, now = new Date() } = options
  if (!isFinished(day, now)) throw new UnfinishedDay(`${day} is not over yet: only finished UTC days are published`)
  const file = dailySchema.parse(await daily(statsContext(store, schema, config), day))
  return format === 'csv' ? dailyCSV(file) : `${JSON.stringify(file)}\n`
}

const CSV_COLUMNS: (keyof ExportedReport)[] = ['day', 'hash', 'version', 'configuration']

/** `--raw`: a day's reports as JSON (configurations as objects) or CSV (configurations as JSON text). */
export function formatExport(rows: readonly ExportedReport[], format: 'json' | 'csv'): string {
  if (format === 'csv') return csv([CSV_COLUMNS, ...rows.map((row) => CSV_COLUMNS.map((column) => row[column]))])
  const parsed = rows.map((row) => ({ ...row, configuration: JSON.parse(row.configuration) as unknown }))
  return `${JSON.stringify(parsed, null, 2)}\n`
}
