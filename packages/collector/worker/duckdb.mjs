// @ts-check
import { parentPort, workerData } from 'node:worker_threads'
import { DuckDBInstance } from '@duckdb/node-api'

/**
 * The DuckDB store's thread (`src/store/duckdb-thread.ts` is its other end): it owns the database,
 * its writer and its reader, so that no DuckDB call (an appender's flush above all) runs on the
 * thread that answers requests. Plain JavaScript, so that it runs as it is from the sources and
 * from the build alike. It does what it is asked, one message at a time per connection as the
 * other end sends them, and answers each with its id.
 */

/** @typedef {import('@duckdb/node-api').DuckDBAppender} DuckDBAppender */
/** @typedef {import('@duckdb/node-api').DuckDBConnection} DuckDBConnection */

/** @type {{ path: string, columns: Record<string, readonly string[]> }} */
const { path, columns } = workerData
if (!parentPort) throw new Error('the DuckDB thread runs as a worker thread')
const port = parentPort

const opening = (async () => {
  const instance = await DuckDBInstance.create(path)
  return { instance, writer: await instance.connect(), reader: await instance.connect() }
})()
// Answered by the first message, which then fails with the reason (a file another process holds).
opening.catch(() => {})

/**
 * The writer's appenders, one per table, kept open from one load to the next. An appender writes
 * rows straight into the table's columns, inside the writer's open transaction, with none of the
 * parsing and binding a multi-row INSERT of as many parameters costs. Strings cast to DATE and
 * TIMESTAMP where the column says so; the only numbers the tables hold are integers (checked
 * before they were journaled).
 */
/** @type {Map<string, DuckDBAppender>} */
const appenders = new Map()

/** @param {DuckDBConnection} writer @param {string} table @param {Record<string, unknown>[]} rows */
async function append(writer, table, rows) {
  if (rows.length === 0) return
  let appender = appenders.get(table)
  if (!appender) {
    appender = await writer.createAppender(table)
    appenders.set(table, appender)
  }
  for (const row of rows) {
    for (const column of columns[table] ?? []) {
      const value = row[column]
      if (value === null || value === undefined) appender.appendNull()
      else if (typeof value === 'number') appender.appendInteger(value)
      else appender.appendVarchar(String(value))
    }
    appender.endRow()
  }
}

/** After a failed load: rows not flushed are dropped, never flushed into a later one. */
function discardAppenders() {
  for (const appender of appenders.values()) {
    try {
      appender.clear()
      appender.closeSync()
    } catch {}
  }
  appenders.clear()
}

/**
 * Journal lines (their text) into the tables in one transaction, which also records the last: a
 * line is loaded once. Lines are read one at a time, and each appender flushed once at the end.
 * @param {DuckDBConnection} writer @param {string[]} lines @param {number} last
 */
async function load(writer, lines, last) {
  await writer.run('BEGIN TRANSACTION')
  try {
    for (const line of lines) {
      const { rows } = JSON.parse(line)
      for (const table of Object.keys(columns)) await append(writer, table, rows[table])
    }
    for (const appender of appenders.values()) appender.flushSync()
    await writer.run('UPDATE journal_position SET loaded = $1', [last])
    await writer.run('COMMIT')
  } catch (error) {
    discardAppenders()
    await writer.run('ROLLBACK').catch(() => {})
    throw error
  }
}

/** @type {Record<string, (message: any) => Promise<unknown>>} */
const operations = {
  read: async ({ sql, values }) => {
    const { reader } = await opening
    return (await reader.runAndReadAll(sql, values)).getRowObjectsJson()
  },
  run: async ({ sql, values }) => {
    await (await opening).writer.run(sql, values)
  },
  load: async ({ lines, last }) => load((await opening).writer, lines, last),
  close: async () => {
    const { instance, writer, reader } = await opening
    discardAppenders()
    writer.closeSync()
    reader.closeSync()
    instance.closeSync()
  },
}

port.on('message', async (/** @type {{ id: number, operation: string }} */ message) => {
  try {
    const operation = operations[message.operation]
    if (!operation) throw new Error(`the DuckDB thread has no operation ${message.operation}`)
    port.postMessage({ id: message.id, result: await operation(message) })
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) })
  }
})
