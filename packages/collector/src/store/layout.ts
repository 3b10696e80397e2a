import { TABLES } from './tables.js'

/**
 * The store's layout: the tables and columns of `TABLES`. Layout 4 keeps the country and the
 * autonomous system of each report, installation day and version check (looked up as the
 * request arrives; never the address they were looked up from, unless `--ip=full`). Layout 3 keeps the network on
 * `installation_days` (the threshold counts networks) and no longer keeps codename or build date;
 * layout 2 kept each configuration once; layout 1 a configuration per report. A store of an
 * earlier layout is not read by this version: opening one is an error that says so, rather than
 * a store that half works or quietly keeps what this version promises not to keep.
 */
export const LAYOUT = 4

/** Throws when a table the store already has does not have exactly this layout's columns. */
export function refuseEarlierLayout(existing: Readonly<Record<string, readonly string[]>>): void {
  for (const [table, spec] of Object.entries(TABLES)) {
    const found = existing[table] ?? []
    if (found.length === 0) continue
    const wanted = Object.keys(spec.columns)
    const extra = found.filter((column) => !wanted.includes(column))
    const missing = wanted.filter((column) => !found.includes(column))
    if (extra.length === 0 && missing.length === 0) continue
    const differences = [
      ...(extra.length ? [`has ${extra.join(', ')}`] : []),
      ...(missing.length ? [`lacks ${missing.join(', ')}`] : []),
    ]
    throw new Error(
      `store: written by an earlier version of baqup-collector (its table ${table} ${differences.join(' and ')}; ` +
        `this version reads layout ${LAYOUT}); export its days with that version, then start this one on a new store`,
    )
  }
}

/** `[{ table, column }]` rows of an engine's catalog → the columns of each table. */
export function columnsByTable(rows: readonly Record<string, unknown>[]): Record<string, string[]> {
  const tables: Record<string, string[]> = {}
  for (const { table, column } of rows) (tables[String(table)] ??= []).push(String(column))
  return tables
}
