import { Journal, type JournalEntry, journalEntry } from './journal.js'
import { oneAtATime } from './one-at-a-time.js'
import { checkRows } from './row-check.js'
import type { TableRows } from './tables.js'

/**
 * Group commits acknowledged once they are in the journal (`journal.ts`), and loaded into the
 * engine many at a time: a DuckDB transaction, or a ClickHouse insert, costs about the same for
 * one report as for a thousand. Lines wait `lingerMs` for others, or load at once when a reader
 * needs every acknowledged report (`loadNow`). While the engine cannot load, or lags far behind,
 * appending waits for it and fails with it: the journal never holds more than a moment's reports.
 */

export interface Loader {
  /**
   * The last line the engine holds, as it recorded it with the rows themselves; undefined when it
   * records none: the journal marks what was loaded after the engine answers (a crash between the
   * two loads those lines again).
   */
  readonly loaded?: number
  /**
   * Writes these lines' rows, recording `last` where the engine can; throws when they are not all
   * written. After a failure it is given the same lines again, and may skip what it wrote of them.
   */
  load(lines: readonly JournalEntry<TableRows>[], last: number): Promise<void>
}

export interface JournaledWrites {
  /** Appends one group commit's rows (one at a time), checked against their columns; resolves once they are on disk. */
  append(rows: TableRows): Promise<void>
  /** Loads every line appended so far. */
  loadNow(): Promise<void>
  /** Loads what it can, and closes the journal; lines not loaded stay for the next open. */
  close(): Promise<void>
}

export interface JournaledOptions {
  lingerMs?: number
  /** Reports waiting in the journal beyond which an append waits for them to load first. */
  mostWaiting?: number
  /** After a failed load, when the next one is tried (an append or a reader tries too). */
  retryMs?: number
  /** Whether the journal takes its folder's lock (not where the engine's own lock covers it already). */
  lock?: boolean
}

/** Opens the journal in `dir` and loads what it holds (what a crash left) before anything else. */
export async function journaled(dir: string, loader: Loader, options: JournaledOptions = {}): Promise<JournaledWrites> {
  const { lingerMs = 100, mostWaiting = 20_000, retryMs = 1000, lock = true } = options
  const { journal, entries, marked } = await Journal.open<TableRows>(dir, { lock })
  let loaded = loader.loaded ?? marked
  const waiting = entries.filter((entry) => entry.seq > loaded)
  let seq = entries.reduce((last, entry) => Math.max(last, entry.seq), loaded)
  const waitingReports = () => [...retrying, ...waiting].reduce((sum, line) => sum + line.rows.reports.length, 0)

  /** The lines of a load that failed: loaded again as they were, alone (the engine may have written part of them). */
  let retrying: JournalEntry<TableRows>[] = []
  const loadLines = async (lines: JournalEntry<TableRows>[]) => {
    const last = lines.at(-1)?.seq
    if (last === undefined) return
    retrying = lines
    await loader.load(lines, last)
    retrying = []
    if (loader.loaded === undefined) await journal.mark(last)
    loaded = last
    await journal.release(loaded)
  }
  const loading = oneAtATime()
  /** Loads every line waiting, then lets the journal forget them. */
  const loadWaiting = () =>
    loading(async () => {
      await loadLines(retrying)
      await loadLines(waiting.splice(0))
    })

  let timer: NodeJS.Timeout | undefined
  let failed: unknown
  let closing = false
  const later = (ms: number) => {
    if (!closing) timer ??= setTimeout(() => loadNow().catch(() => {}), ms).unref()
  }
  const loadNow = () => {
    clearTimeout(timer)
    timer = undefined
    return loadWaiting().then(
      () => {
        failed = undefined
      },
      (error: unknown) => {
        failed = error
        later(retryMs)
        throw error
      },
    )
  }
  await loadNow()
  const appending = oneAtATime()

  return {
    append: (rows) =>
      appending(async () => {
        // A line acknowledged must load: what a column cannot hold is refused before it is written.
        checkRows(rows)
        if (failed !== undefined || waitingReports() > mostWaiting) await loadNow()
        // A number is never used twice, even by a line that failed.
        const entry = journalEntry(++seq, rows)
        await journal.append(entry)
        waiting.push(entry)
        later(lingerMs)
      }),
    loadNow,
    async close() {
      await appending(async () => {})
      closing = true
      await loadNow().catch(() => {})
      clearTimeout(timer)
      await journal.close()
    },
  }
}
