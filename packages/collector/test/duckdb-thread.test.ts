import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openDuckDB } from '../src/store/duckdb.js'
import { startDuckDBThread } from '../src/store/duckdb-thread.js'
import { journalEntry } from '../src/store/journal.js'
import { duckdbTopology } from '../src/store/topology.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-duckdb-thread-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const freshFile = () => join(folder, `thread-${files++}.duckdb`)

/** A database in its thread with the store's tables and journal position, as `openDuckDB` makes it. */
async function database() {
  const thread = startDuckDBThread(freshFile())
  for (const statement of duckdbTopology().create) await thread.run(statement)
  await thread.run('CREATE TABLE journal_position (loaded UBIGINT)')
  await thread.run('INSERT INTO journal_position VALUES (0)')
  return thread
}

const refusal = (day: string, code: string, n: number) => ({ day, code, n })
const line = (seq: number, refusals: object[]) =>
  journalEntry(seq, {
    reports: [],
    installation_days: [],
    configurations: [],
    configuration_options: [],
    version_checks: [],
    refusals,
  }).text

describe('the DuckDB thread', () => {
  it('loads journal lines in one transaction with their position, and a failed load leaves nothing behind', async () => {
    const thread = await database()
    await thread.load([line(1, [refusal('2025-03-01', 'a', 1)]), line(2, [refusal('2025-03-01', 'b', 2)])], 2)
    // The second line's count is beyond the column: the whole load fails, the first line's row included.
    await expect(
      thread.load([line(3, [refusal('2025-03-02', 'c', 3)]), line(4, [refusal('2025-03-02', 'd', 2 ** 40)])], 4),
    ).rejects.toThrow(/out of int32 range|Conversion|overflow/i)
    // The appenders were discarded with the rolled-back transaction: nothing of the failed load comes back later.
    await thread.load([line(3, [refusal('2025-03-02', 'c', 3)])], 3)
    expect(await thread.read('SELECT code, n FROM refusals ORDER BY code')).toEqual([
      { code: 'a', n: 1 },
      { code: 'b', n: 2 },
      { code: 'c', n: 3 },
    ])
    expect(await thread.read('SELECT CAST(loaded AS INTEGER) AS loaded FROM journal_position')).toEqual([{ loaded: 3 }])
    await thread.close()
  })

  it("returns DuckDB's error as an error of the call, and goes on answering", async () => {
    const thread = await database()
    await expect(thread.read('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/)
    await expect(thread.run('INSERT INTO refusals VALUES ($1)', ['x'])).rejects.toThrow(/refusals/)
    expect(await thread.read('SELECT $1::INTEGER + 1 AS two', [1])).toEqual([{ two: 2 }])
    await thread.close()
  })

  it('fails every call once it is closed, with the reason, instead of waiting for an answer', async () => {
    const thread = await database()
    await thread.close()
    await expect(thread.read('SELECT 1')).rejects.toThrow(/the DuckDB thread ended/)
    await expect(thread.load([line(1, [])], 1)).rejects.toThrow(/the DuckDB thread ended/)
  })

  it('reports a file it cannot open as the error of the first call, and still closes', async () => {
    const thread = startDuckDBThread(join(folder, 'no-such-folder', 'store.duckdb'))
    await expect(thread.read('SELECT 1')).rejects.toThrow(/no-such-folder/)
    await expect(thread.close()).rejects.toThrow(/no-such-folder/)
    await expect(thread.read('SELECT 1')).rejects.toThrow(/the DuckDB thread ended/)
  })

  it('lets a process that never closes its store end', async () => {
    const path = freshFile()
    const script = `
      const { openDuckDB } = await import(${JSON.stringify(new URL('../dist/store/duckdb.js', import.meta.url).href)})
      const store = await openDuckDB(${JSON.stringify(path)})
      await store.write({ reports: [], versionChecks: [], refusals: [{ day: '2025-03-01', code: 'kept' }] })
      console.log(JSON.stringify(await store.stats()))`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const [code, signal] = await once(child, 'exit')
    clearTimeout(timer)
    expect({ code, signal }).toEqual({ code: 0, signal: null })
    expect(JSON.parse(output)).toMatchObject({ refused: { kept: 1 } })
    // What it acknowledged is in the journal, and loaded by the next owner.
    const store = await openDuckDB(path)
    expect((await store.stats()).refused).toEqual({ kept: 1 })
    await store.close()
  })

  it('is in the published package, where the built store finds it', () => {
    const packageDir = fileURLToPath(new URL('..', import.meta.url))
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: packageDir, encoding: 'utf8' }),
    )
    const files = packed[0].files.map((file: { path: string }) => file.path)
    const script = fileURLToPath(
      new URL('../../worker/duckdb.mjs', new URL('../dist/store/duckdb-thread.js', import.meta.url)),
    )
    expect(files).toContain('dist/store/duckdb-thread.js')
    expect(files).toContain(relative(packageDir, script))
  })
})
