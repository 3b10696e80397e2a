import { constants } from 'node:fs'
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { lockFolder } from './folder-lock.js'

/**
 * A store's write-ahead journal (`journaled.ts` says how the stores use it): each group commit is
 * one line, written and synced to disk before its reports are acknowledged, and forgotten once the
 * store has loaded it. Lines live in segment files named by the sequence number of their first
 * line; a segment is deleted when all its lines are loaded, so the journal holds only what the
 * store does not yet have (seconds of reports at most, unless the store fails).
 */

export interface JournalEntry<T> {
  readonly seq: number
  readonly rows: T
  /** The line as written, `{"seq":…,"rows":…}`: what an engine in another thread is handed. */
  readonly text: string
}

export const journalEntry = <T>(seq: number, rows: T): JournalEntry<T> => ({
  seq,
  rows,
  text: JSON.stringify({ seq, rows }),
})

interface Segment {
  readonly name: string
  /** The sequence number of its last line. */
  last: number
  /** Its length: where the next line starts. */
  bytes: number
}

/** A journal that cannot be read back: a line other than a segment's last one is not a whole entry. */
export class JournalError extends Error {
  override name = 'JournalError'
}

const { O_APPEND, O_CREAT, O_DSYNC, O_WRONLY } = constants
const APPEND_SYNCED = O_APPEND | O_CREAT | O_DSYNC | O_WRONLY

const SEGMENT = /^(\d{16})\.jsonl$/
/** The last line loaded, for an engine that records none itself. */
const MARK = 'loaded'
const segmentName = (first: number) => `${String(first).padStart(16, '0')}.jsonl`

/** A segment's entries; its last line is dropped when it was cut short (never synced, so never acknowledged). */
function entriesOf<T>(file: string, text: string): JournalEntry<T>[] {
  const lines = text.split('\n')
  lines.pop() // '' after a whole last line, else what a crash cut short before its newline
  return lines.map((line, index) => {
    let entry: Omit<JournalEntry<T>, 'text'> | undefined
    try {
      entry = JSON.parse(line)
    } catch {}
    if (typeof entry?.seq !== 'number' || typeof entry.rows !== 'object' || entry.rows === null)
      throw new JournalError(`store journal ${file}: line ${index + 1}: not a journal entry`)
    return { seq: entry.seq, rows: entry.rows, text: line }
  })
}

export class Journal<T> {
  private current: { handle: FileHandle; segment: Segment } | undefined
  private readonly closed: Segment[] = []
  /** Set once lines are loaded: the next append starts a segment, so that the written one can go. */
  private rotate = false
  /** The last sequence number the store holds, as `release` last heard. */
  private loaded = 0
  /** Releases the folder's lock, when it was taken. */
  private unlock = async () => {}

  private constructor(private readonly dir: string) {}

  /**
   * Opens the journal in `dir` (created if need be) and reads back every entry it holds, in order,
   * and the last line marked loaded (0: none).
   */
  static async open<T>(
    dir: string,
    { lock = true }: { lock?: boolean } = {},
  ): Promise<{ journal: Journal<T>; entries: JournalEntry<T>[]; marked: number }> {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const journal = new Journal<T>(dir)
    if (lock)
      journal.unlock = await lockFolder(
        dir,
        (pid) =>
          new JournalError(
            `store journal ${dir}: in use by process ${pid}; a journal has one collector at a time ` +
              '(if no collector runs there, remove its file lock)',
          ),
      )
    const mark = await readFile(join(dir, MARK), 'utf8').catch(() => '0')
    const marked = /^\d+$/.test(mark) ? Number(mark) : 0
    const entries: JournalEntry<T>[] = []
    for (const name of (await readdir(dir)).filter((file) => SEGMENT.test(file)).sort()) {
      const read = entriesOf<T>(join(dir, name), await readFile(join(dir, name), 'utf8'))
      entries.push(...read)
      journal.closed.push({ name, last: read.at(-1)?.seq ?? 0, bytes: 0 })
    }
    return { journal, entries, marked }
  }

  /** Records that lines up to `loaded` are loaded, for the next open (a file replaced whole, synced). */
  async mark(loaded: number): Promise<void> {
    const next = join(this.dir, `${MARK}.next`)
    const handle = await open(next, 'w', 0o600)
    try {
      await handle.writeFile(String(loaded))
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await rename(next, join(this.dir, MARK))
  }

  /** Writes one entry and syncs it to disk; one append at a time (`journaled` sees to it). */
  async append(entry: JournalEntry<T>): Promise<void> {
    if (!this.current || this.rotate) await this.startSegment(entry.seq)
    const current = this.current as { handle: FileHandle; segment: Segment }
    const line = Buffer.from(`${entry.text}\n`)
    try {
      // Opened with O_DSYNC: the write returns once the line is on disk, one round trip instead of two.
      await current.handle.write(line)
    } catch (error) {
      // A line half written (a full disk) is cut off, and the next one starts a segment: a bad line
      // is only ever a segment's last, which reading back drops.
      await current.handle.truncate(current.segment.bytes).catch(() => {})
      this.rotate = true
      throw error
    }
    current.segment.bytes += line.length
    current.segment.last = entry.seq
  }

  /** Deletes the segments whose lines are all loaded (sequence numbers up to `loaded`). */
  async release(loaded: number): Promise<void> {
    this.loaded = loaded
    this.rotate = this.current !== undefined
    const done = this.closed.filter((segment) => segment.last <= loaded)
    for (const segment of done) {
      await rm(join(this.dir, segment.name), { force: true })
      this.closed.splice(this.closed.indexOf(segment), 1)
    }
  }

  /** Closes the segment being written (deleted if all its lines are loaded), and lets go of the folder. */
  async close(): Promise<void> {
    await this.closeSegment()
    await this.unlock()
  }

  private async closeSegment(): Promise<void> {
    if (!this.current) return
    const { handle, segment } = this.current
    this.current = undefined
    await handle.close()
    if (segment.last <= this.loaded) await rm(join(this.dir, segment.name), { force: true })
    else this.closed.push(segment)
  }

  private async startSegment(first: number): Promise<void> {
    await this.closeSegment()
    const segment = { name: segmentName(first), last: 0, bytes: 0 }
    const handle = await open(join(this.dir, segment.name), APPEND_SYNCED, 0o600)
    this.current = { handle, segment }
    this.rotate = false
    // The new file's name must survive a crash as surely as its lines.
    const dir = await open(this.dir, 'r')
    try {
      await dir.sync()
    } finally {
      await dir.close()
    }
  }
}
