import { type ColumnType, type TableRows, tableSpecs } from './tables.js'

/**
 * The values a column can take, as the stores' columns take them (DuckDB's `INTEGER` the narrowest).
 * The journal acknowledges a batch before the store loads it, so a value the store would refuse is
 * refused here, before the batch is written: a journaled line always loads.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const KEY = /^\d{1,20}$/

/** A real calendar day: `2025-02-30` matches the pattern but is no day. */
const isDay = (text: string) => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)

const VALID: Readonly<Record<ColumnType, (value: unknown) => boolean>> = {
  day: (value) => typeof value === 'string' && isDay(value),
  time: (value) => typeof value === 'string' && TIME.test(value) && isDay(value.slice(0, 10)),
  text: (value) => typeof value === 'string',
  key: (value) => typeof value === 'string' && KEY.test(value) && BigInt(value) < 2n ** 64n,
  int: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 31,
  'optional-text': (value) => value === null || typeof value === 'string',
}

/** Throws naming the first value of a batch's rows that its column cannot hold. */
export function checkRows(rows: TableRows): void {
  for (const [table, spec] of tableSpecs()) {
    for (const row of rows[table] as Record<string, unknown>[]) {
      for (const [column, type] of Object.entries(spec.columns)) {
        if (!VALID[type](row[column]))
          throw new Error(`store: ${table}.${column} cannot hold ${JSON.stringify(row[column])?.slice(0, 80)}`)
      }
    }
  }
}
