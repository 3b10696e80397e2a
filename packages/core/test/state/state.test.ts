import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import type { SentReport } from '../../src/state/sent-report.js'
import { defaultStatePath, openState, readState, updateState } from '../../src/state/state.js'
import { newState, readStateFile } from '../../src/state/state-file.js'
import { writeStateFile } from '../../src/state/state-write.js'
import { ownedByRunner, runUnprivileged } from '../support/unprivileged.js'

const folder = () => mkdtempSync(join(tmpdir(), 'baqup-state-'))
const mode = (path: string) => statSync(path).mode & 0o777
const HEX_64 = /^[0-9a-f]{64}$/
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0
const validState = (key: string) => JSON.stringify({ installationKey: key, reports: [] })

/** A path that exists but cannot be read by anyone, root included: a symbolic link to itself (ELOOP). */
function selfLink(): string {
  const path = join(folder(), 'telemetry.json')
  symlinkSync(path, path)
  return path
}

/** A place where the state can never be written: a regular file stands where the folder should be. */
function unwritablePath(): string {
  const blocker = join(folder(), 'not-a-folder')
  writeFileSync(blocker, '')
  return join(blocker, 'telemetry.json')
}

/** Debug lines in `messages`, warnings in `warnings`. */
function recorder() {
  const messages: string[] = []
  const warnings: string[] = []
  const logger = {
    debug: (message: string) => messages.push(message),
    warn: (message: string) => warnings.push(message),
  }
  return { messages, warnings, logger }
}

/** `openState` at `path`, in a process that file permissions bind: what it returned, its debug lines and its warnings. */
function openStateUnprivileged(path: string) {
  return runUnprivileged(`
    import { openState } from './state.mjs'
    const messages = []
    const warnings = []
    const { state, persistent } = openState(${JSON.stringify(path)}, { debug: (m) => messages.push(m), warn: (m) => warnings.push(m) })
    console.log(JSON.stringify({ installationKey: state.installationKey, persistent, messages, warnings }))
  `) as { installationKey: string; persistent: boolean; messages: string[]; warnings: string[] }
}

const PROCESS_KEY = 'using a key for this process only, so the configuration hash will change at each start'
/** The identity writeStateFile needs to replace the file that stands at `path`. */
function identityOf(path: string) {
  const { dev, ino } = lstatSync(path)
  return { dev, ino }
}
/** Puts `content` at `path` in one step, as another process would. */
function swapIn(path: string, content: string): void {
  const beside = `${path}.other`
  writeFileSync(beside, content)
  renameSync(beside, path)
}

const report = (index: number): SentReport => ({
  at: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
  url: 'https://collector.example/',
  status: 200,
  bodySha256: index.toString(16).padStart(64, '0'),
})

describe('defaultStatePath', () => {
  it.each([
    [{ BAQUP_TELEMETRY_STATE: '/srv/state.json', XDG_STATE_HOME: '/xdg' }, '/srv/state.json'],
    [{ XDG_STATE_HOME: '/xdg' }, '/xdg/baqup/telemetry.json'],
    [{ XDG_STATE_HOME: 'relative/xdg' }, '/home/op/.local/state/baqup/telemetry.json'],
    [{ XDG_STATE_HOME: '', BAQUP_TELEMETRY_STATE: '' }, '/home/op/.local/state/baqup/telemetry.json'],
    [{}, '/home/op/.local/state/baqup/telemetry.json'],
  ])('%j → %s', (env, expected) => {
    expect(defaultStatePath(env, '/home/op')).toBe(expected)
  })

  it('takes the product name as a parameter, with its own variable', () => {
    expect(defaultStatePath({ XDG_STATE_HOME: '/xdg' }, '/h', { product: 'other' })).toBe('/xdg/other/telemetry.json')
    expect(defaultStatePath({ OTHER_TELEMETRY_STATE: '/o.json' }, '/h', { product: 'other' })).toBe('/o.json')
    expect(defaultStatePath({ MY_STATE: '/m.json' }, '/h', { envVar: 'MY_STATE' })).toBe('/m.json')
  })
})

describe('openState', () => {
  it('creates the state with a random 32-byte key, folder 0700 and file 0600', () => {
    const path = join(folder(), 'baqup', 'telemetry.json')
    const { state, persistent } = openState(path)
    expect(persistent).toBe(true)
    expect(state.installationKey).toMatch(HEX_64)
    expect(state.reports).toEqual([])
    expect(mode(path)).toBe(0o600)
    expect(mode(join(path, '..'))).toBe(0o700)
    expect(JSON.parse(readFileSync(path, 'utf8')).installationKey).toBe(state.installationKey)
  })

  it('keeps the key from one start to the next, and another installation gets another key', () => {
    const path = join(folder(), 'telemetry.json')
    const first = openState(path).state.installationKey
    expect(openState(path).state.installationKey).toBe(first)
    expect(openState(join(folder(), 'telemetry.json')).state.installationKey).not.toBe(first)
  })

  it.each([
    ['a key of the wrong form', JSON.stringify({ installationKey: 'short', reports: [] })],
    ['a key in capitals', JSON.stringify({ installationKey: 'A'.repeat(64), reports: [] })],
    ['a null key', '{"installationKey": null}'],
    ['a key that is not a string, and broken fields', '{"installationKey": 42, "reports": "x", "lastCheckAt": 1}'],
  ])('replaces a corrupt state file (%s) and says so at debug level', (_, content) => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, content)
    const { messages, warnings, logger } = recorder()
    const { state, persistent } = openState(path, logger)
    expect(persistent).toBe(true)
    expect(state.installationKey).toMatch(HEX_64)
    expect(JSON.parse(readFileSync(path, 'utf8')).installationKey).toBe(state.installationKey)
    expect(messages).toEqual([`telemetry state at ${path} was corrupt: replaced with a new one`])
    expect(warnings).toEqual([])
  })

  it('keeps a valid key and drops malformed entries instead of discarding the whole file', () => {
    const path = join(folder(), 'telemetry.json')
    const key = 'c'.repeat(64)
    const reports = [report(1), { at: 'yesterday', url: 'x', status: 200, bodySha256: 'no' }, report(2)]
    writeFileSync(
      path,
      JSON.stringify({ installationKey: key, lastReportAt: 'not a date', lastCheckAt: report(3).at, reports }),
    )
    const { state } = openState(path)
    expect(state).toEqual({ installationKey: key, lastCheckAt: report(3).at, reports: [report(1), report(2)] })
  })

  it('keeps the try number of an entry when it is a positive integer, and drops it otherwise', () => {
    const path = join(folder(), 'telemetry.json')
    const key = 'c'.repeat(64)
    const reports = [2, 0, -1, 1.5, '2', null].map((tried, index) => ({ ...report(index), try: tried }))
    writeFileSync(path, JSON.stringify({ installationKey: key, reports }))
    const { state } = openState(path)
    expect(state.reports).toEqual([{ ...report(0), try: 2 }, ...[1, 2, 3, 4, 5].map(report)])
    expect(Object.keys(state.reports[0] ?? {})).toEqual(['at', 'try', 'url', 'status', 'bodySha256'])
  })

  it('replaces a state file other users could read by a 0600 copy, never changing the mode of the file found', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    // A second name for the same file: a mode changed in place would show there.
    const other = join(dir, 'elsewhere.json')
    writeFileSync(other, validState('d'.repeat(64)))
    chmodSync(other, 0o644)
    linkSync(other, path)
    expect(openState(path).state.installationKey).toBe('d'.repeat(64))
    expect(mode(path)).toBe(0o600)
    expect(JSON.parse(readFileSync(path, 'utf8')).installationKey).toBe('d'.repeat(64))
    expect(mode(other)).toBe(0o644)
    expect(readdirSync(dir).sort()).toEqual(['elsewhere.json', 'telemetry.json'])
  })

  it('reading the state never changes the mode of the file', () => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, validState('d'.repeat(64)))
    chmodSync(path, 0o644)
    expect(readState(path)?.installationKey).toBe('d'.repeat(64))
    expect(mode(path)).toBe(0o644)
  })

  it('falls back to a key for this process when the location cannot be written, said once', () => {
    const path = unwritablePath()
    const { messages, logger } = recorder()
    const first = openState(path, logger)
    const second = openState(path, logger)
    expect(first.persistent).toBe(false)
    expect(first.state.installationKey).toMatch(HEX_64)
    expect(second.state.installationKey).toBe(first.state.installationKey)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('using a key for this process only')
  })

  it('falls back when the folder is read-only (run as a user the permissions bind, root included)', () => {
    const readOnly = folder()
    ownedByRunner(readOnly)
    chmodSync(readOnly, 0o500)
    try {
      const path = join(readOnly, 'telemetry.json')
      const { persistent, messages } = openStateUnprivileged(path)
      expect(persistent).toBe(false)
      expect(messages).toHaveLength(1)
      expect(readdirSync(readOnly)).toEqual([])
    } finally {
      chmodSync(readOnly, 0o700)
    }
  })

  it('leaves a symbolic link to itself as it is, with a key for this process, warned once', () => {
    const path = selfLink()
    const { messages, warnings, logger } = recorder()
    const first = openState(path, logger)
    const second = openState(path, logger)
    expect(first.persistent).toBe(false)
    expect(first.state.installationKey).toMatch(HEX_64)
    expect(second.state.installationKey).toBe(first.state.installationKey)
    expect(lstatSync(path).isSymbolicLink()).toBe(true)
    expect(readlinkSync(path)).toBe(path)
    expect(warnings).toEqual([`telemetry state at ${path} is left as it is (a symbolic link): ${PROCESS_KEY}`])
    expect(messages).toEqual([])
  })

  it('never overwrites a file it may not read, keeping its key (run as a user the permissions bind)', () => {
    const parent = folder()
    ownedByRunner(parent)
    const path = join(parent, 'telemetry.json')
    writeFileSync(path, validState('e'.repeat(64)))
    ownedByRunner(path)
    chmodSync(path, 0o000)
    try {
      const { installationKey, persistent, messages } = openStateUnprivileged(path)
      expect(persistent).toBe(false)
      expect(installationKey).not.toBe('e'.repeat(64))
      expect(messages).toEqual([
        `telemetry state at ${path} cannot be read (EACCES) and is left as it is: ${PROCESS_KEY}`,
      ])
    } finally {
      chmodSync(path, 0o600)
    }
    expect(JSON.parse(readFileSync(path, 'utf8')).installationKey).toBe('e'.repeat(64))
  })

  it.skipIf(!hasMkfifo)('neither waits on nor replaces a named pipe standing at the path', () => {
    const path = join(folder(), 'telemetry.json')
    expect(spawnSync('mkfifo', [path]).status).toBe(0)
    const { warnings, logger } = recorder()
    const { state, persistent } = openState(path, logger)
    expect(persistent).toBe(false)
    expect(state.installationKey).toMatch(HEX_64)
    expect(statSync(path).isFIFO()).toBe(true)
    expect(warnings).toEqual([`telemetry state at ${path} is left as it is (not a regular file): ${PROCESS_KEY}`])
  })

  it('says the in-memory key to the first logger given, even after a call without one', () => {
    const path = unwritablePath()
    openState(path)
    const { messages, logger } = recorder()
    openState(path, logger)
    openState(path, logger)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('using a key for this process only')
  })

  it('reads a state file up to the size limit whole', () => {
    const path = join(folder(), 'telemetry.json')
    const key = 'f'.repeat(64)
    const head = `{"installationKey":"${key}","reports":[],"pad":"`
    writeFileSync(path, `${head}${'x'.repeat(1024 * 1024 - head.length - 2)}"}`)
    expect(statSync(path).size).toBe(1024 * 1024)
    expect(openState(path).state).toEqual({ installationKey: key, reports: [] })
  })
})

describe('what stands at the state path and is not a state file', () => {
  it.each([
    ['an operator file', 'keep me: not telemetry\n'],
    ['a valid state file', validState('9'.repeat(64))],
  ])('a symbolic link to %s is never followed: its target keeps its mode and content', (_, content) => {
    const dir = folder()
    const target = join(dir, 'target.txt')
    writeFileSync(target, content)
    chmodSync(target, 0o644)
    const path = join(dir, 'telemetry.json')
    symlinkSync(target, path)
    const { warnings, logger } = recorder()
    const { state, persistent } = openState(path, logger)
    const updated = updateState(path, (current) => ({ ...current, lastCheckAt: report(1).at }), logger)
    expect(mode(target)).toBe(0o644)
    expect(readFileSync(target, 'utf8')).toBe(content)
    expect(readlinkSync(path)).toBe(target)
    expect(persistent).toBe(false)
    expect(state.installationKey).not.toBe('9'.repeat(64))
    expect(updated.installationKey).toBe(state.installationKey)
    expect(readdirSync(dir).sort()).toEqual(['target.txt', 'telemetry.json'])
    expect(warnings).toEqual([`telemetry state at ${path} is left as it is (a symbolic link): ${PROCESS_KEY}`])
  })

  it('a dangling symbolic link stays as it is: nothing created at its target, no temporary file, no endless retry', () => {
    const dir = folder()
    const target = join(dir, 'nowhere', 'target.json')
    const path = join(dir, 'telemetry.json')
    symlinkSync(target, path)
    const { warnings, logger } = recorder()
    const { state, persistent } = openState(path, logger)
    const updated = updateState(path, (current) => ({ ...current, lastReportAt: report(1).at }), logger)
    expect(persistent).toBe(false)
    expect(updated).toEqual({ ...state, lastReportAt: report(1).at })
    expect(readState(path)).toEqual(updated)
    expect(readlinkSync(path)).toBe(target)
    expect(existsSync(join(dir, 'nowhere'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
    expect(warnings).toHaveLength(1)
  })

  const root = 'root:x:0:0:root:/root:/bin/bash\n'
  it.each([
    ['a system file', Buffer.from(root)],
    ['an empty file', Buffer.alloc(0)],
    ['binary bytes', Buffer.from([0, 255, 123, 34, 10, 0xc3])],
    ['a JSON object without our marker', Buffer.from('{"reports": [], "owner": "someone else"}')],
    ['a JSON array', Buffer.from('[{"installationKey": "x"}]')],
    ['a JSON string naming our marker', Buffer.from('"installationKey"')],
    ['JSON cut short', Buffer.from('{"installationKey": "ab')],
    ['a file over 1 MiB', Buffer.from(`{"installationKey":"${'a'.repeat(64)}","pad":"${'x'.repeat(1024 * 1024)}"}`)],
  ])('a regular file that is not a state file (%s) stays byte for byte, with one warning', (_, bytes) => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    writeFileSync(path, bytes)
    chmodSync(path, 0o644)
    const { messages, warnings, logger } = recorder()
    const first = openState(path, logger)
    const updated = updateState(path, (state) => ({ ...state, reports: [report(1)] }), logger)
    const second = openState(path, logger)
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(mode(path)).toBe(0o644)
    expect(first.persistent).toBe(false)
    expect(updated.installationKey).toBe(first.state.installationKey)
    expect(second.state).toEqual(updated)
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
    expect(warnings).toEqual([
      `telemetry state at ${path} is left as it is (not a telemetry state file): ${PROCESS_KEY}`,
    ])
    expect(messages).toEqual([])
  })

  it("follows a symbolic link above the state file: a linked state folder is the operator's choice", () => {
    const dir = folder()
    const real = join(dir, 'real-state')
    mkdirSync(real)
    symlinkSync(real, join(dir, 'state'))
    const path = join(dir, 'state', 'baqup', 'telemetry.json')
    const { state, persistent } = openState(path)
    expect(persistent).toBe(true)
    expect(readStateFile(join(real, 'baqup', 'telemetry.json')).state).toEqual(state)
    expect(lstatSync(join(dir, 'state')).isSymbolicLink()).toBe(true)
  })

  it('without a warn method, the logger hears the warning at debug level', () => {
    const path = selfLink()
    const messages: string[] = []
    openState(path, { debug: (message) => messages.push(message) })
    expect(messages).toEqual([`telemetry state at ${path} is left as it is (a symbolic link): ${PROCESS_KEY}`])
  })
})

describe('writeStateFile', () => {
  it('creates only where no file is yet: another process that got there first keeps its key', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    const first = newState()
    expect(writeStateFile(path, first, 'create')).toEqual({ ok: true })
    expect(writeStateFile(path, newState(), 'create')).toEqual({ ok: false, taken: true })
    expect(openState(path).state.installationKey).toBe(first.installationKey)
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
    expect(mode(path)).toBe(0o600)
  })

  it('replaces the file that was read', () => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, validState('a'.repeat(64)))
    const read = readStateFile(path)
    expect(read.state?.installationKey).toBe('a'.repeat(64))
    const identity = read.state ? read.identity : identityOf(path)
    expect(writeStateFile(path, { installationKey: 'b'.repeat(64), reports: [] }, identity)).toEqual({ ok: true })
    expect(openState(path).state.installationKey).toBe('b'.repeat(64))
  })

  it('replaces nothing when another file stands there since it was read, and leaves no temporary file', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    writeFileSync(path, validState('a'.repeat(64)))
    const identity = identityOf(path)
    swapIn(path, 'written by someone else\n')
    expect(writeStateFile(path, newState(), identity)).toEqual({ ok: false, taken: true })
    expect(readFileSync(path, 'utf8')).toBe('written by someone else\n')
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
  })

  it('says why a location cannot be written, without claiming the file was taken', () => {
    const result = writeStateFile(unwritablePath(), newState(), 'create')
    expect(result.ok).toBe(false)
    expect(result).not.toHaveProperty('taken')
  })

  // Failures that happen to root too, once the temporary file exists: it never stays behind.
  it('leaves no temporary file when the link finds a folder at the path', () => {
    const dir = folder()
    mkdirSync(join(dir, 'telemetry.json'))
    expect(writeStateFile(join(dir, 'telemetry.json'), newState(), 'create')).toEqual({ ok: false, taken: true })
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
    expect(readdirSync(join(dir, 'telemetry.json'))).toEqual([])
  })

  it('leaves no temporary file when the rename fails (a folder now stands at the path)', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    mkdirSync(path)
    writeFileSync(join(path, 'inside'), 'x')
    const result = writeStateFile(path, newState(), identityOf(path))
    expect(result).toMatchObject({ ok: false, code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) })
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
    expect(readdirSync(path)).toEqual(['inside'])
  })

  it('writes a name of the longest valid length, its temporary name kept short enough', () => {
    const dir = folder()
    const name = `${'n'.repeat(250)}.json`
    const state = newState()
    expect(writeStateFile(join(dir, name), state, 'create')).toEqual({ ok: true })
    expect(readdirSync(dir)).toEqual([name])
    expect(readStateFile(join(dir, name)).state).toEqual(state)
  })

  it('leaves nothing behind when the name is too long for the file system', () => {
    const dir = folder()
    const result = writeStateFile(join(dir, `${'n'.repeat(300)}.json`), newState(), 'create')
    expect(result).toEqual({ ok: false, code: 'ENAMETOOLONG' })
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('readState', () => {
  it('reads the state without creating anything when there is none', () => {
    const dir = folder()
    const path = join(dir, 'baqup', 'telemetry.json')
    expect(readState(path)).toBeUndefined()
    expect(existsSync(join(dir, 'baqup'))).toBe(false)
  })

  it('returns the state of a valid file', () => {
    const path = join(folder(), 'telemetry.json')
    const { state } = openState(path)
    expect(readState(path)).toEqual(state)
  })

  it('leaves a corrupt file as it is', () => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, '{"installationKey": "ab')
    expect(readState(path)).toBeUndefined()
    expect(readFileSync(path, 'utf8')).toBe('{"installationKey": "ab')
  })

  it('returns the state this process keeps in memory when the file cannot be written or read', () => {
    const unwritable = unwritablePath()
    const at = '2026-03-01T10:00:00.000Z'
    const kept = updateState(unwritable, (state) => ({ ...state, lastCheckAt: at }))
    expect(readState(unwritable)).toEqual(kept)
    const loop = selfLink()
    expect(readState(loop)).toBeUndefined()
    const inMemory = updateState(loop, (state) => ({ ...state, lastReportAt: at }))
    expect(readState(loop)).toEqual(inMemory)
    expect(readlinkSync(loop)).toBe(loop)
  })
})

describe('updateState', () => {
  it('writes the change with mode 0600 and returns it', () => {
    const path = join(folder(), 'telemetry.json')
    const key = openState(path).state.installationKey
    const at = '2026-03-01T10:00:00.000Z'
    const next = updateState(path, (state) => ({ ...state, lastReportAt: at }))
    expect(next).toEqual({ installationKey: key, lastReportAt: at, reports: [] })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(next)
    expect(mode(path)).toBe(0o600)
  })

  it('keeps the newest 10 reports', () => {
    const path = join(folder(), 'telemetry.json')
    for (let index = 0; index < 15; index++) {
      updateState(path, (state) => ({ ...state, reports: [...state.reports, report(index)] }))
    }
    const expected = Array.from({ length: 10 }, (_, index) => report(index + 5))
    expect(openState(path).state.reports).toEqual(expected)
    expect(updateState(path, (state) => ({ ...state, reports: [...state.reports, report(99)] })).reports).toHaveLength(
      10,
    )
  })

  it('creates the state when missing', () => {
    const path = join(folder(), 'deep', 'er', 'telemetry.json')
    const next = updateState(path, (state) => ({ ...state, lastCheckAt: '2026-01-01T00:00:00.000Z' }))
    expect(next.installationKey).toMatch(HEX_64)
    expect(openState(path).state).toEqual(next)
  })

  it('leaves no temporary file behind', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    for (let index = 0; index < 20; index++) updateState(path, (state) => ({ ...state, reports: [report(index)] }))
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
  })

  it('never shows a reader half a file', async () => {
    const path = join(folder(), 'telemetry.json')
    openState(path)
    const stop = new Int32Array(new SharedArrayBuffer(4))
    const reader = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads')
       const { readFileSync } = require('node:fs')
       let reads = 0, broken = 0
       parentPort.postMessage('ready')
       while (Atomics.load(workerData.stop, 0) === 0) {
         try { JSON.parse(readFileSync(workerData.path, 'utf8')); reads++ } catch { broken++ }
       }
       parentPort.postMessage({ reads, broken })`,
      { eval: true, workerData: { path, stop } },
    )
    const ready = once(reader, 'message')
    const done = new Promise<{ reads: number; broken: number }>((resolve, reject) => {
      reader.on('message', (message) => message !== 'ready' && resolve(message))
      reader.on('error', reject)
    })
    await ready
    for (let index = 0; index < 300; index++) {
      updateState(path, (state) => ({ ...state, reports: [...state.reports, report(index)].slice(-10) }))
    }
    Atomics.store(stop, 0, 1)
    const { reads, broken } = await done
    await reader.terminate()
    expect(reads).toBeGreaterThan(0)
    expect(broken).toBe(0)
  })

  it('never throws on I/O: the changed state is returned and kept for this process', () => {
    const path = unwritablePath()
    const key = openState(path).state.installationKey
    const at = '2026-03-01T10:00:00.000Z'
    const next = updateState(path, (state) => ({ ...state, lastReportAt: at }))
    expect(next).toMatchObject({ installationKey: key, lastReportAt: at })
    expect(openState(path).state).toEqual(next)
  })

  it('never writes over a symbolic link, even one that leads nowhere', () => {
    const path = selfLink()
    const { warnings, logger } = recorder()
    const first = updateState(path, (state) => ({ ...state, lastCheckAt: '2026-01-01T00:00:00.000Z' }), logger)
    const second = updateState(path, (state) => ({ ...state, reports: [report(1)] }), logger)
    expect(second).toEqual({ ...first, reports: [report(1)] })
    expect(readlinkSync(path)).toBe(path)
    expect(warnings).toEqual([`telemetry state at ${path} is left as it is (a symbolic link): ${PROCESS_KEY}`])
  })

  it('reads again and changes the state another process wrote between its read and its write', () => {
    const path = join(folder(), 'telemetry.json')
    openState(path)
    const theirs = { installationKey: '7'.repeat(64), lastReportAt: report(1).at, reports: [report(1)] }
    let calls = 0
    const next = updateState(path, (state) => {
      if (calls++ === 0) swapIn(path, JSON.stringify(theirs))
      return { ...state, lastCheckAt: report(2).at }
    })
    expect(calls).toBe(2)
    expect(next).toEqual({ ...theirs, lastCheckAt: report(2).at })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(next)
  })

  it('never writes over a foreign file swapped in between its read and its write', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    openState(path)
    const { warnings, logger } = recorder()
    let calls = 0
    const next = updateState(
      path,
      (state) => {
        if (calls++ === 0) swapIn(path, 'not ours\n')
        return { ...state, lastCheckAt: report(2).at }
      },
      logger,
    )
    expect(next.lastCheckAt).toBe(report(2).at)
    expect(readFileSync(path, 'utf8')).toBe('not ours\n')
    expect(warnings).toEqual([
      `telemetry state at ${path} is left as it is (not a telemetry state file): ${PROCESS_KEY}`,
    ])
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
  })

  it('gives up after a bounded number of tries when the file keeps changing, keeping the change in memory', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    openState(path)
    const { messages, logger } = recorder()
    let calls = 0
    const next = updateState(
      path,
      (state) => {
        calls++
        swapIn(path, validState(newState().installationKey))
        return { ...state, lastCheckAt: report(2).at }
      },
      logger,
    )
    expect(calls).toBeGreaterThan(1)
    expect(calls).toBeLessThanOrEqual(20)
    expect(next.lastCheckAt).toBe(report(2).at)
    expect(readState(path)?.lastCheckAt).toBeUndefined()
    expect(messages).toEqual([`telemetry state at ${path} kept changing while being written: ${PROCESS_KEY}`])
    expect(readdirSync(dir)).toEqual(['telemetry.json'])
  })

  it('falls back when a folder stands where the file should be', () => {
    const dir = folder()
    const path = join(dir, 'telemetry.json')
    mkdirSync(path)
    const next = updateState(path, (state) => state)
    expect(next.installationKey).toMatch(HEX_64)
    expect(statSync(path).isDirectory()).toBe(true)
  })
})
