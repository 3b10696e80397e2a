import { DuckDBInstance } from '@duckdb/node-api'

/** The rows of a query on a DuckDB file no collector holds any more (DuckDB lets one process hold a file). */
export async function duckdbRows(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(file)
  const connection = await instance.connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
