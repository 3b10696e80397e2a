import { resolve } from 'node:path'
import { type ClickHouseOptions, openClickHouse } from './clickhouse.js'
import { openDuckDB } from './duckdb.js'
import type { Store } from './store.js'

/** `clickhouse://HOST:PORT/DB` opens ClickHouse; anything else is a DuckDB file. */
export function openStore(location: string, cwd = process.cwd(), clickhouse: ClickHouseOptions = {}): Promise<Store> {
  if (/^clickhouse:\/\//i.test(location)) return openClickHouse(location, clickhouse)
  return openDuckDB(resolve(cwd, location))
}

/** Where a store is, without credentials: for logs. */
export function describeStore(location: string): string {
  return /^clickhouse:\/\//i.test(location) ? location.replace(/\/\/[^@/]*@/, '//') : location
}
