import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UsagePayload } from '../../src/report/payload.js'
import { type StartTelemetryOptions, startTelemetry, type TelemetryHandle } from '../../src/telemetry/start.js'
import { load, tempDir, writeIn } from '../config/helpers.js'
import { json, type ReceivedRequest, startServer, type TestServer } from '../support/http-server.js'
import { fakeClock, HOUR, MINUTE } from './fake-clock.js'

const DAY = 24 * HOUR
const payload: UsagePayload = {
  version: '3.0.0',
  codename: 'cheddar',
  buildDate: '2026-01-01',
  configuration: Buffer.from('{"log":{"level":"DEBUG"}}').toString('base64'),
  hash: 'f'.repeat(64),
}

type Answer = (request: ReceivedRequest, response: ServerResponse) => void
let answers: { collect: Answer; releases: Answer }
let server: TestServer
let folder: string
let statePath: string
let handles: TelemetryHandle[]

beforeEach(async () => {
  answers = {
    collect: (_request, response) => json(response, { ok: true }),
    releases: (_request, response) => json(response, [{ tag_name: 'v3.0.0' }]),
  }
  server = await startServer((request, response) =>
    (request.url === '/collect' ? answers.collect : answers.releases)(request, response),
  )
  folder = mkdtempSync(join(tmpdir(), 'baqup-telemetry-start-'))
  statePath = join(folder, 'state', 'telemetry.json')
  handles = []
})
afterEach(async () => {
  await Promise.all(handles.map((handle) => handle.stop()))
  await server.close()
  rmSync(folder, { recursive: true, force: true })
})

function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'debug'; message: string }[] = []
  const at = (level: 'info' | 'warn' | 'debug') => (message: string) => lines.push({ level, message })
  return { logger: { info: at('info'), warn: at('warn'), debug: at('debug') }, lines }
}

function start(clock: ReturnType<typeof fakeClock>, overrides: Partial<StartTelemetryOptions> = {}) {
  const { logger, lines } = recordingLogger()
  const handle = startTelemetry({
    config: { checkNewVersion: true, sendAnonymousUsage: true },
    payload: () => payload,
    version: '3.0.0',
    logger,
    updateURL: server.url,
    collectorURL: `${server.url}collect`,
    statePath,
    env: {},
    now: clock.now,
    timers: clock.timers,
    random: () => 0.5,
    ...overrides,
  })
  handles.push(handle)
  return { handle, lines }
}

const reports = () => server.requests.filter((request) => request.url === '/collect')
const checks = () => server.requests.filter((request) => request.url !== '/collect')
const readState = () => JSON.parse(readFileSync(statePath, 'utf8'))
const settled = (lines: { message: string }[], pattern: RegExp, count = 1) =>
  expect.poll(() => lines.filter((line) => pattern.test(line.message)).length, { timeout: 10_000 }).toBe(count)

describe('startTelemetry', () => {
  it('returns at once: logs the startup lines, sends nothing and touches no file before 10 minutes', async () => {
    const clock = fakeClock()
    const { lines } = start(clock)
    expect(lines.filter((line) => line.level === 'info').map((line) => line.message.split(':')[0])).toEqual([
      'Version check is enabled',
      'Anonymous usage statistics are enabled',
    ])
    await clock.advance(10 * MINUTE - 1)
    expect(server.requests).toEqual([])
    expect(existsSync(statePath)).toBe(false)
    expect(clock.pendingDelays()).toEqual([1, 1])
  })

  it('sends the report and the check at +10 min, and records them in the state file', async () => {
    const clock = fakeClock()
    const { lines } = start(clock)
    await clock.advance(10 * MINUTE)
    await settled(lines, /^usage report sent/)
    const report = reports()[0] as ReceivedRequest
    expect(JSON.parse(report.body)).toEqual(payload)
    expect(checks()[0]?.headers['user-agent']).toBe('baqup/3.0.0')
    const at = new Date(clock.now()).toISOString()
    expect(readState()).toMatchObject({
      lastReportAt: at,
      lastCheckAt: at,
      reports: [
        {
          at,
          url: `${server.url}collect`,
          status: 200,
          bodySha256: createHash('sha256').update(report.body).digest('hex'),
        },
      ],
    })
  })

  it('runs again 24 h ± 30 min later, with the jitter drawn from random()', async () => {
    const clock = fakeClock()
    const { lines } = start(clock, { random: () => 0, config: { checkNewVersion: false, sendAnonymousUsage: true } })
    await clock.advance(10 * MINUTE)
    await settled(lines, /^usage report sent/)
    await clock.advance(DAY - 30 * MINUTE - 1)
    expect(readState().lastReportAt).toBe(new Date(clock.now() - DAY + 30 * MINUTE + 1).toISOString())
    await clock.advance(1)
    await server.request(2)
    expect(readState().lastReportAt).toBe(new Date(clock.now()).toISOString())
  })

  it('sends no report at all when usage statistics are off, across 48 hours', async () => {
    const clock = fakeClock()
    const { lines } = start(clock, { config: { checkNewVersion: true, sendAnonymousUsage: false } })
    const upToDate = /^version check: 3\.0\.0 is up to date$/
    for (let day = 0; day <= 2; day++) {
      await clock.advance(day === 0 ? 10 * MINUTE : DAY)
      await settled(lines, upToDate, day + 1)
    }
    // The version check kept running (one check a day), which shows the clock did move.
    expect(checks()).toHaveLength(3)
    expect(reports()).toEqual([])
    expect(readState().lastReportAt).toBeUndefined()
  })

  it('schedules nothing when both are off', async () => {
    const clock = fakeClock()
    start(clock, { config: { checkNewVersion: false, sendAnonymousUsage: false } })
    expect(clock.pendingDelays()).toEqual([])
    await clock.advance(2 * DAY)
    expect(server.requests).toEqual([])
  })

  it('sends nothing under DO_NOT_TRACK=1, and says why', async () => {
    const clock = fakeClock()
    const { lines } = start(clock, { env: { DO_NOT_TRACK: '1' } })
    expect(clock.pendingDelays()).toEqual([])
    await clock.advance(2 * DAY)
    expect(server.requests).toEqual([])
    expect(existsSync(statePath)).toBe(false)
    expect(lines.filter((line) => line.message.includes('disabled by DO_NOT_TRACK'))).toHaveLength(2)
  })

  it('holds an opt-out from any source, even when the switches it is given say on, and names that source', async () => {
    const file = writeIn(tempDir(), 'baqup.yaml', 'global:\n  sendAnonymousUsage: true\n')
    const origins = load({
      argv: [`--configFile=${file}`, '--global.sendAnonymousUsage=false'],
      env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' },
      envPrefix: 'BAQUP_',
      optOutSwitches: ['global.checkNewVersion', 'global.sendAnonymousUsage'],
    })
    const clock = fakeClock()
    const { lines } = start(clock, { origins })
    expect(clock.pendingDelays()).toEqual([])
    await clock.advance(2 * DAY)
    expect(server.requests).toEqual([])
    expect(lines.map((line) => line.message)).toEqual([
      expect.stringMatching(/^Version check is disabled \(decided by: env BAQUP_GLOBAL_CHECKNEWVERSION=false\)/),
      expect.stringMatching(
        /^Anonymous usage statistics are disabled \(decided by: flag --global\.sendAnonymousUsage=false\)/,
      ),
    ])
  })

  it('never runs twice at once: a report hanging past the next due time skips that run', async () => {
    answers.collect = () => {}
    const clock = fakeClock()
    const { handle, lines } = start(clock, {
      config: { checkNewVersion: false, sendAnonymousUsage: true },
      timeoutMs: 120_000,
    })
    await clock.advance(10 * MINUTE)
    await server.request(1)
    await clock.advance(3 * DAY)
    expect(
      lines.filter((line) => line.message === 'usage report skipped: the previous run is still in flight'),
    ).toHaveLength(3)
    expect(reports()).toHaveLength(1)
    await handle.stop()
    // stop() aborted the hanging request: the server saw the connection go.
    await server.abortedCount(1)
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])
  })

  it('five restarts within an hour send one report; the next one comes a day after it', async () => {
    const clock = fakeClock()
    const firstSent = clock.now() + 10 * MINUTE
    const logs: { message: string }[][] = []
    for (let restart = 0; restart < 5; restart++) {
      const { handle, lines } = start(clock, { config: { checkNewVersion: false, sendAnonymousUsage: true } })
      logs.push(lines)
      await clock.advance(12 * MINUTE)
      if (restart === 0) await settled(lines, /^usage report sent/)
      else await settled(lines, /^usage report skipped: the last run was \d+ min ago$/)
      if (restart < 4) await handle.stop()
    }
    expect(clock.now() - firstSent).toBeLessThan(HOUR)
    expect(reports()).toHaveLength(1)
    // The instance still running sends the next report 24 h (random() = 0.5: no jitter) after the first.
    await clock.advance(firstSent + DAY - clock.now() - 1)
    expect(reports()).toHaveLength(1)
    await clock.advance(1)
    await settled(logs[4] ?? [], /^usage report sent/)
    expect(readState().reports.map((report: { at: string }) => report.at)).toEqual([
      new Date(firstSent).toISOString(),
      new Date(firstSent + DAY).toISOString(),
    ])
  })

  it('warns on the first failure, then logs repeats at debug level, and keeps the answered report in the audit trail', async () => {
    answers.collect = (_request, response) => json(response, { error: 'down' }, 500)
    const clock = fakeClock()
    const { lines } = start(clock, { config: { checkNewVersion: false, sendAnonymousUsage: true } })
    await clock.advance(10 * MINUTE)
    await settled(lines, /^usage report failed/)
    await clock.advance(DAY)
    await settled(lines, /^usage report failed/, 2)
    const failures = lines.filter((line) => line.message.startsWith('usage report failed'))
    expect(failures.map((line) => line.level)).toEqual(['warn', 'debug'])
    expect(failures[0]?.message).toBe(
      `usage report failed (${server.url}collect): the server answered 500 Internal Server Error, saying "down"`,
    )
    expect(readState().reports.map((report: { status: number }) => report.status)).toEqual([500, 500])
  })

  it('warns once per newer release', async () => {
    answers.releases = (_request, response) => json(response, [{ tag_name: 'v3.1.0' }, { tag_name: 'v3.0.0' }])
    const clock = fakeClock()
    const { lines } = start(clock, {
      config: { checkNewVersion: true, sendAnonymousUsage: false },
      codename: 'cheddar',
    })
    await clock.advance(10 * MINUTE)
    await settled(lines, /^A newer Baqup release/)
    await clock.advance(DAY)
    await settled(lines, /^version check: v3\.1\.0 is available \(said already\)$/)
    await expect
      .poll(() => lines.filter((line) => line.level === 'warn').map((line) => line.message))
      .toEqual(['A newer Baqup release is available: v3.1.0 (running 3.0.0 "cheddar").'])
  })

  it('turns a mechanism off, with a warning, when its URL is not allowed', async () => {
    const clock = fakeClock()
    const { lines } = start(clock, { collectorURL: 'http://collect.example/' })
    // The start-up line itself says it: disabled, and why (not "enabled", then a correction).
    const warnings = lines.filter((line) => line.level === 'warn').map((line) => line.message.replace(/\n +/g, ' '))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^Anonymous usage statistics are disabled: it is switched on, but its address is refused \(only https: URLs are accepted .*found http:\/\/collect\.example\); nothing is sent\./,
    )
    expect(lines.filter((line) => /usage statistics are enabled/i.test(line.message))).toEqual([])
    expect(clock.pendingDelays()).toHaveLength(1)
  })

  it('never lets a failure escape, and never logs what a failing payload builder said', async () => {
    const clock = fakeClock()
    const { lines } = start(clock, {
      config: { checkNewVersion: false, sendAnonymousUsage: true },
      payload: () => {
        throw new Error('token=hunter2')
      },
    })
    await clock.advance(10 * MINUTE)
    await settled(lines, /^usage report failed/)
    expect(lines.map((line) => line.message).join('\n')).not.toContain('hunter2')
    expect(reports()).toEqual([])
  })

  it('survives a logger that throws and a state location that cannot be written', async () => {
    const clock = fakeClock()
    const blocker = join(folder, 'a-file')
    writeFileSync(blocker, '')
    const attempted: string[] = []
    const broken = (message: string) => {
      attempted.push(message)
      throw new Error('logger down')
    }
    const handle = startTelemetry({
      config: { checkNewVersion: true, sendAnonymousUsage: true },
      payload: () => payload,
      version: '3.0.0',
      logger: { info: broken, warn: broken, debug: broken },
      updateURL: server.url,
      collectorURL: `${server.url}collect`,
      statePath: join(blocker, 'telemetry.json'),
      env: {},
      now: clock.now,
      timers: clock.timers,
      random: () => 0.5,
    })
    handles.push(handle)
    await clock.advance(10 * MINUTE)
    await expect.poll(() => attempted.filter((line) => /^usage report sent|up to date$/.test(line))).toHaveLength(2)
    // Nothing was recorded on disk, and the runs go on the next day all the same.
    await clock.advance(DAY + HOUR)
    await server.request(4)
    expect(server.requests.map((request) => request.url).sort()).toEqual([
      '/collect',
      '/collect',
      '/repos/baqupio/baqup/releases',
      '/repos/baqupio/baqup/releases',
    ])
  })
})
