import { spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Journal, JournalError, journalEntry } from '../src/store/journal.js'
import { journaled } from '../src/store/journaled.js'
import { tableRows } from '../src/store/tables.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-journal-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let dirs = 0
const freshDir = () => join(folder, `journal-${dirs++}`)
/** The journal's segment files, in order. */
const segmentsIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
const line = (seq: number) => journalEntry(seq, { reports: [{ id: `r${seq}` }] })

describe('Journal', () => {
  it('reads back every entry appended, in order, across segments and reopenings', async () => {
    const dir = freshDir()
    const first = (await Journal.open(dir)).journal
    await first.append(line(1))
    await first.append(line(2))
    await first.release(0) // nothing loaded: the next line starts a segment, none is deleted
    await first.append(line(3))
    await first.close()
    expect(segmentsIn(dir)).toEqual(['0000000000000001.jsonl', '0000000000000003.jsonl'])
    const { journal, entries } = await Journal.open(dir)
    expect(entries).toEqual([line(1), line(2), line(3)])
    await journal.close()
  })

  it('deletes a segment once all its lines are loaded, and no other', async () => {
    const dir = freshDir()
    const { journal } = await Journal.open(dir)
    await journal.append(line(1))
    await journal.append(line(2))
    await journal.release(1) // the segment holds line 2, not loaded
    await journal.append(line(3))
    expect(segmentsIn(dir)).toEqual(['0000000000000001.jsonl', '0000000000000003.jsonl'])
    await journal.release(2)
    expect(segmentsIn(dir)).toEqual(['0000000000000003.jsonl'])
    await journal.release(3)
    await journal.append(line(4))
    expect(segmentsIn(dir)).toEqual(['0000000000000004.jsonl'])
    await journal.close()
    expect((await Journal.open(dir)).entries).toEqual([line(4)])
  })

  it('drops a last line a crash cut short (never synced, never acknowledged), in any segment', async () => {
    const dir = freshDir()
    const { journal } = await Journal.open(dir)
    await journal.append(line(1))
    await journal.close()
    appendFileSync(join(dir, '0000000000000001.jsonl'), '{"seq":2,"rows":{"repo')
    writeFileSync(join(dir, '0000000000000003.jsonl'), `${line(3).text}\n{"seq":4,`)
    expect((await Journal.open(dir)).entries).toEqual([line(1), line(3)])
  })

  it('keeps the last line marked loaded across reopenings (for an engine that records none)', async () => {
    const dir = freshDir()
    const { journal, marked } = await Journal.open(dir)
    expect(marked).toBe(0)
    await journal.append(line(1))
    await journal.mark(1)
    await journal.mark(7)
    await journal.close()
    expect((await Journal.open(dir)).marked).toBe(7)
    expect(readdirSync(dir).sort()).toEqual(['0000000000000001.jsonl', 'loaded', 'lock'])
  })

  it('is one process at a time: refuses a folder another live process holds, takes over one whose process is gone', async () => {
    const dir = freshDir()
    const { journal } = await Journal.open(dir)
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe(String(process.pid))
    await journal.close()
    expect(readdirSync(dir)).not.toContain('lock')

    const other = spawn('sleep', ['30'])
    try {
      writeFileSync(join(dir, 'lock'), String(other.pid))
      await expect(Journal.open(dir)).rejects.toThrow(
        new JournalError(
          `store journal ${dir}: in use by process ${other.pid}; a journal has one collector at a time ` +
            '(if no collector runs there, remove its file lock)',
        ),
      )
    } finally {
      other.kill()
      await once(other, 'exit')
    }
    // The same process id, now gone: the lock a kill -9 left behind.
    const reopened = await Journal.open(dir)
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe(String(process.pid))
    await reopened.journal.close()
  })

  it.each([
    ['not JSON', 'garbage'],
    ['JSON without a sequence number', '{"rows":{}}'],
    ['JSON without rows', '{"seq":2}'],
  ])('refuses a journal with a whole line that is %s, naming the file and line', async (_, bad) => {
    const dir = freshDir()
    const { journal } = await Journal.open(dir)
    await journal.append(line(1))
    await journal.close()
    const file = join(dir, '0000000000000001.jsonl')
    appendFileSync(file, `${bad}\n${line(3).text}\n`)
    const error = await Journal.open(dir).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(JournalError)
    expect((error as Error).message).toBe(`store journal ${file}: line 2: not a journal entry`)
  })

  // /dev/full answers every write with ENOSPC, as a full disk does.
  it.skipIf(!existsSync('/dev/full'))(
    'fails a line it cannot write (a full disk), and writes the next in a new segment',
    async () => {
      const dir = freshDir()
      const { journal } = await Journal.open(dir)
      symlinkSync('/dev/full', join(dir, '0000000000000001.jsonl'))
      await expect(journal.append(line(1))).rejects.toThrow(/ENOSPC/)
      await journal.append(line(2))
      await journal.close()
      expect(segmentsIn(dir)).toEqual(['0000000000000002.jsonl'])
      expect((await Journal.open(dir)).entries).toEqual([line(2)])
    },
  )
})

describe('journaled writes', () => {
  const nothingWritten = { configuration: () => false, installationDay: () => false }
  const rows = (code: string) =>
    tableRows({ reports: [], versionChecks: [], refusals: [{ day: '2025-03-01', code }] }, nothingWritten)

  it.skipIf(!existsSync('/dev/full'))(
    'refuses a batch the disk cannot take, goes on with the next, and never loads the refused one',
    async () => {
      const dir = freshDir()
      const loaded: number[] = []
      const writes = await journaled(dir, { load: async (lines) => void loaded.push(...lines.map((line) => line.seq)) })
      symlinkSync('/dev/full', join(dir, '0000000000000001.jsonl'))
      await expect(writes.append(rows('refused'))).rejects.toThrow(/ENOSPC/)
      await writes.append(rows('kept'))
      await writes.loadNow()
      await writes.close()
      // The refused line's number is not used again: the next line is 2, in a segment of its own.
      expect(loaded).toEqual([2])
      expect(readdirSync(dir)).toEqual(['loaded'])
    },
  )
})
