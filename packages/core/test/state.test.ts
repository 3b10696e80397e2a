import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { defaultStatePath, openState, readState, type SentReport, updateState } from '../src/state.js'
import { newState, writeStateFile } from '../src/state-file.js'

const folder = () => mkdtempSync(join(tmpdir(), 'baqup-state-'))
const mode = (path: string) => statSync(path).mode & 0o777
const HEX_64 = /^[0-9a-f]{64}$/
const runsAsRoot = process.getuid?.() === 0
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

function recorder() {
  const messages: string[] = []
  return { messages, logger: { debug: (message: string) => messages.push(message) } }
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
    ['not JSON', '{"installationKey": "ab'],
    ['JSON without a key', '{"reports": []}'],
    ['a key of the wrong form', JSON.stringify({ installationKey: 'short', reports: [] })],
    ['an array', '[]'],
    ['an empty file', ''],
    ['a huge file', `{"pad":"${'x'.repeat(1024 * 1024)}"}`],
  ])('replaces a corrupt file (%s) and says so at debug level', (_, content) => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, content)
    const { messages, logger } = recorder()
    const { state, persistent } = openState(path, logger)
    expect(persistent).toBe(true)
    expect(state.installationKey).toMatch(HEX_64)
    expect(JSON.parse(readFileSync(path, 'utf8')).installationKey).toBe(state.installationKey)
    expect(messages).toEqual([`telemetry state at ${path} was corrupt: replaced with a new one`])
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

  it('tightens a file other users could read', () => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, JSON.stringify({ installationKey: 'd'.repeat(64), reports: [] }), { mode: 0o644 })
    chmodSync(path, 0o644)
    expect(openState(path).state.installationKey).toBe('d'.repeat(64))
    expect(mode(path)).toBe(0o600)
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

  it.skipIf(runsAsRoot)('falls back when the folder is read-only (skipped as root, who can write anywhere)', () => {
    const readOnly = folder()
    chmodSync(readOnly, 0o500)
    try {
      const path = join(readOnly, 'telemetry.json')
      const { messages, logger } = recorder()
      const { persistent } = openState(path, logger)
      expect(persistent).toBe(false)
      expect(messages).toHaveLength(1)
      expect(readdirSync(readOnly)).toEqual([])
    } finally {
      chmodSync(readOnly, 0o700)
    }
  })

  it('leaves a file that exists but cannot be read as it is, with a key for this process, said once', () => {
    const path = selfLink()
    const { messages, logger } = recorder()
    const first = openState(path, logger)
    const second = openState(path, logger)
    expect(first.persistent).toBe(false)
    expect(first.state.installationKey).toMatch(HEX_64)
    expect(second.state.installationKey).toBe(first.state.installationKey)
    expect(lstatSync(path).isSymbolicLink()).toBe(true)
    expect(readlinkSync(path)).toBe(path)
    expect(messages).toEqual([
      `telemetry state at ${path} cannot be read (ELOOP) and is left as it is: using a key for this process only, so the configuration hash will change at each start`,
    ])
  })

  it.skipIf(runsAsRoot)('never overwrites a file it may not read, keeping its key (skipped as root)', () => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, validState('e'.repeat(64)))
    chmodSync(path, 0o000)
    try {
      const { messages, logger } = recorder()
      const { state, persistent } = openState(path, logger)
      expect(persistent).toBe(false)
      expect(state.installationKey).not.toBe('e'.repeat(64))
      expect(messages[0]).toContain('cannot be read (EACCES)')
    } finally {
      chmodSync(path, 0o600)
    }
    expect(JSON.parse(readFileSync(path, 'utf8')).installationKey).toBe('e'.repeat(64))
  })

  it.skipIf(!hasMkfifo)('neither waits on nor replaces a named pipe standing at the path', () => {
    const path = join(folder(), 'telemetry.json')
    expect(spawnSync('mkfifo', [path]).status).toBe(0)
    const { messages, logger } = recorder()
    const { state, persistent } = openState(path, logger)
    expect(persistent).toBe(false)
    expect(state.installationKey).toMatch(HEX_64)
    expect(statSync(path).isFIFO()).toBe(true)
    expect(messages[0]).toContain('cannot be read (not a regular file)')
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

  it('replaces the file that is there', () => {
    const path = join(folder(), 'telemetry.json')
    writeFileSync(path, validState('a'.repeat(64)))
    expect(writeStateFile(path, { installationKey: 'b'.repeat(64), reports: [] }, 'replace')).toEqual({ ok: true })
    expect(openState(path).state.installationKey).toBe('b'.repeat(64))
  })

  it('says why a location cannot be written, without claiming the file was taken', () => {
    const result = writeStateFile(unwritablePath(), newState(), 'create')
    expect(result.ok).toBe(false)
    expect(result).not.toHaveProperty('taken')
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

  it('never writes over a file that exists but cannot be read', () => {
    const path = selfLink()
    const { messages, logger } = recorder()
    const first = updateState(path, (state) => ({ ...state, lastCheckAt: '2026-01-01T00:00:00.000Z' }), logger)
    const second = updateState(path, (state) => ({ ...state, reports: [report(1)] }), logger)
    expect(second).toEqual({ ...first, reports: [report(1)] })
    expect(readlinkSync(path)).toBe(path)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('cannot be read (ELOOP)')
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
