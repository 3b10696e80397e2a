import { Worker } from 'node:worker_threads'
import { COLUMNS } from './tables.js'

/**
 * A DuckDB database in a thread of its own (`worker/duckdb.mjs`): every call into DuckDB, the
 * appenders' synchronous flushes among them, runs there, and the thread that answers requests only
 * posts messages and awaits their answers. Journal lines cross as the text they were written as,
 * which costs this thread no serialization.
 */

/** The parameters of a statement: the stores bind only text and integers. */
export type Values = readonly (string | number)[]

export interface DuckDBThread {
  /** Rows of a query on the reader connection, columns as JSON values. */
  read(sql: string, values?: Values): Promise<Record<string, unknown>[]>
  /** A statement on the writer connection. */
  run(sql: string, values?: Values): Promise<void>
  /** Journal lines (as written) into the tables in one transaction that records `last` in `journal_position`. */
  load(lines: readonly string[], last: number): Promise<void>
  /** Closes the database and ends the thread. */
  close(): Promise<void>
}

const SCRIPT = new URL('../../worker/duckdb.mjs', import.meta.url)

export function startDuckDBThread(path: string): DuckDBThread {
  const worker = new Worker(SCRIPT, {
    workerData: { path, columns: COLUMNS },
    // None of the process's flags (`--input-type`, `--eval`) apply to the thread's script.
    execArgv: [],
    // What the thread allocates is the short-lived parse of each journal line: a small young
    // generation collects it as well, and halves the heap the thread keeps (about 28 MiB, not 56).
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  })
  const waiting = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>()
  let next = 0
  /** Why the thread is gone, once it is: every call under way, and every later one, fails with it. */
  let ended: Error | undefined
  const end = (error: Error) => {
    ended ??= error
    for (const { reject } of waiting.values()) reject(ended)
    waiting.clear()
  }
  worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = waiting.get(id)
    waiting.delete(id)
    if (waiting.size === 0) worker.unref()
    if (error === undefined) call?.resolve(result)
    else call?.reject(new Error(error))
  })
  worker.on('error', (error) => end(new Error(`the DuckDB thread failed: ${error.message}`)))
  worker.on('exit', (code) => end(new Error(`the DuckDB thread ended (exit code ${code})`)))
  // The thread keeps the process alive only while a call waits for it: a command that forgets to
  // close its store still ends.
  worker.unref()

  const call = <T>(operation: string, message: object = {}) =>
    new Promise<T>((resolve, reject) => {
      if (ended) return reject(ended)
      const id = next++
      waiting.set(id, { resolve: resolve as (result: unknown) => void, reject })
      worker.ref()
      worker.postMessage({ id, operation, ...message })
    })

  return {
    read: (sql, values = []) => call('read', { sql, values }),
    run: (sql, values = []) => call('run', { sql, values }),
    load: (lines, last) => call('load', { lines, last }),
    async close() {
      try {
        await call('close')
      } finally {
        await worker.terminate()
      }
    },
  }
}
