import { resolve } from 'node:path'
import { type ClickHouseOptions, openClickHouse } from './clickhouse.js'
import { CLICKHOUSE_LOCATION, describeClickHouse } from './clickhouse-location.js'
import { openDuckDB } from './duckdb.js'
import type { Store } from './store.js'

/**
 * A DuckDB file has one owner at a time: another process holding it (a running `serve`) makes
 * DuckDB answer `IO Error: Could not set lock on file "…": Conflicting lock is held in … (PID n)`.
 */
const LOCKED = /Could not set lock on file|Conflicting lock is held/i

/** The DuckDB file is held by another process: what to do instead, in the operator's words. */
export class StoreInUseError extends Error {
  override name = 'StoreInUseError'
  constructor(path: string, cause: unknown) {
    const pid = /\(PID (\d+)\)/.exec(cause instanceof Error ? cause.message : '')?.[1]
    super(
      `the store ${path} is in use by a running collector${pid ? ` (PID ${pid})` : ''}: a DuckDB file has one ` +
        'process at a time. Stop it (Ctrl-C; in-flight batches are committed first) and run this again, or ' +
        'read what it serves: GET /api/v1/summary?days=7 (30, 90, 365) or /data/daily/YYYY-MM-DD.json',
      { cause },
    )
  }
}

/** `clickhouse://…` or `clickhouses://…` opens ClickHouse (see `clickhouse-location.ts`); anything else is a DuckDB file. */
export async function openStore(
  location: string,
  cwd = process.cwd(),
  clickhouse: ClickHouseOptions = {},
): Promise<Store> {
  if (CLICKHOUSE_LOCATION.test(location)) return openClickHouse(location, clickhouse)
  const path = resolve(cwd, location)
  try {
    return await openDuckDB(path)
  } catch (error) {
    throw LOCKED.test(error instanceof Error ? error.message : String(error)) ? new StoreInUseError(path, error) : error
  }
}

/** True for a ClickHouse location; anything else is a DuckDB file. */
export const isClickHouse = (location: string) => CLICKHOUSE_LOCATION.test(location)

/** Where a store is, without its password: for logs and the start-up line. */
export function describeStore(location: string): string {
  return CLICKHOUSE_LOCATION.test(location) ? describeClickHouse(location) : location
}
