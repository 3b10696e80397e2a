import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UsagePayload } from '../../src/report/payload.js'
import { type StartTelemetryOptions, startTelemetry, type TelemetryHandle } from '../../src/telemetry/start.js'
import { json, type ReceivedRequest, startServer, type TestServer } from '../support/http-server.js'
import { fakeClock, HOUR, MINUTE } from './fake-clock.js'

/**
 * A usage report is tried again within its day: real servers on 127.0.0.1, the scheduler's clock
 * driven by hand (the requests themselves are real and take real time).
 */

const DAY = 24 * HOUR
const payload: UsagePayload = {
  version: '3.0.0',
  codename: 'cheddar',
  buildDate: '2026-01-01',
  configuration: Buffer.from('{"log":{"level":"DEBUG"}}').toString('base64'),
  hash: 'f'.repeat(64),
}
const BODY_SHA256 = createHash('sha256').update(JSON.stringify(payload)).digest('hex')

type Answer = (request: ReceivedRequest, response: ServerResponse) => void
const ok: Answer = (_request, response) => json(response, { ok: true })
const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (_request, response) => {
    response.writeHead(code, { 'content-type': 'application/json', ...headers })
    response.end('{"error":{"code":"x","message":"y"}}')
  }
const drop: Answer = (_request, response) => response.socket?.destroy()

/** Answers to the reports, in order (the last one repeats); the version check is answered by `releases`. */
let script: Answer[]
let releases: Answer
let server: TestServer
let folder: string
let statePath: string
let handles: TelemetryHandle[]

beforeEach(async () => {
  script = [ok]
  releases = (_request, response) => json(response, [{ tag_name: 'v3.0.0' }])
  let answered = 0
  server = await startServer((request, response) => {
    if (request.url !== '/collect') return releases(request, response)
    const answer = script[Math.min(answered++, script.length - 1)] as Answer
    answer(request, response)
  })
  folder = mkdtempSync(join(tmpdir(), 'baqup-telemetry-retry-'))
  statePath = join(folder, 'telemetry.json')
  handles = []
})
afterEach(async () => {
  await Promise.all(handles.map((handle) => handle.stop()))
  await server.close()
  rmSync(folder, { recursive: true, force: true })
})

function start(clock: ReturnType<typeof fakeClock>, overrides: Partial<StartTelemetryOptions> = {}) {
  const lines: { level: 'info' | 'warn' | 'debug'; message: string }[] = []
  const at = (level: 'info' | 'warn' | 'debug') => (message: string) => lines.push({ level, message })
  const handle = startTelemetry({
    config: { checkNewVersion: false, sendAnonymousUsage: true },
    payload: () => payload,
    version: '3.0.0',
    logger: { info: at('info'), warn: at('warn'), debug: at('debug') },
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
  const said = (pattern: RegExp, count = 1) =>
    expect.poll(() => lines.filter((line) => pattern.test(line.message)).length, { timeout: 10_000 }).toBe(count)
  return { handle, lines, said }
}

const reports = () => server.requests.filter((request) => request.url === '/collect')
const trail = () => JSON.parse(readFileSync(statePath, 'utf8')).reports
const iso = (at: number) => new Date(at).toISOString()
const URL_SHOWN = () => `${server.url}collect`
const RETRYING = /; next try in /
const SENT = /^usage report sent/
const FAILED = /^usage report failed/

describe('a usage report is tried again within its day', () => {
  it('503 with Retry-After: 1, then 200: delivered on the second try, both tries in the audit trail', async () => {
    script = [status(503, { 'retry-after': '1' }), ok]
    const clock = fakeClock()
    const { lines, said } = start(clock)
    await clock.advance(10 * MINUTE)
    const first = clock.now()
    await said(RETRYING)
    expect(lines.find((line) => RETRYING.test(line.message))).toEqual({
      level: 'debug',
      message: `usage report failed (${URL_SHOWN()}): the server answered 503 Service Unavailable, saying "y" (try 1 of 3); next try in 1 s (Retry-After)`,
    })
    await clock.advance(999)
    expect(reports()).toHaveLength(1)
    await clock.advance(1)
    await said(SENT)
    expect(reports()).toHaveLength(2)
    expect(reports()[1]?.body).toBe(reports()[0]?.body)
    expect(trail()).toEqual([
      { at: iso(first), try: 1, url: URL_SHOWN(), status: 503, outcome: 'answered', bodySha256: BODY_SHA256 },
      { at: iso(first + 1000), try: 2, url: URL_SHOWN(), status: 200, outcome: 'answered', bodySha256: BODY_SHA256 },
    ])
    // A report delivered in the end is no failure: nothing above debug level.
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])
    // The run (and the state file's once-a-day record) is the first try's.
    expect(JSON.parse(readFileSync(statePath, 'utf8')).lastReportAt).toBe(iso(first))
  })

  it('429 without Retry-After: waits a jittered backoff (half to all of 10 min; random() = 0.5: 7.5 min)', async () => {
    script = [status(429), ok]
    const clock = fakeClock()
    const { said } = start(clock)
    await clock.advance(10 * MINUTE)
    await said(/next try in 8 min \(backoff\)$/)
    await clock.advance(7.5 * MINUTE - 1)
    expect(reports()).toHaveLength(1)
    await clock.advance(1)
    await said(SENT)
    expect(trail().map((entry: { try: number; status: number }) => [entry.try, entry.status])).toEqual([
      [1, 429],
      [2, 200],
    ])
  })

  it('a connection dropped once the body arrived, then 200: both tries in the audit trail', async () => {
    script = [drop, ok]
    const clock = fakeClock()
    const { said } = start(clock, { retry: { backoffMs: 2000 } })
    await clock.advance(10 * MINUTE)
    await said(RETRYING)
    await clock.advance(1500)
    await said(SENT)
    expect(trail()).toMatchObject([
      { try: 1, outcome: 'connection-lost' },
      { try: 2, status: 200, outcome: 'answered' },
    ])
    expect(trail()[0]).not.toHaveProperty('status')
  })

  it('no answer in time, then 200', async () => {
    let first = true
    script = [
      (request, response) => {
        if (first) first = false
        else ok(request, response)
      },
    ]
    const clock = fakeClock()
    const { said } = start(clock, { timeoutMs: 300, retry: { backoffMs: 2000 } })
    await clock.advance(10 * MINUTE)
    await said(RETRYING)
    await clock.advance(1500)
    await said(SENT)
    expect(trail()).toMatchObject([
      { try: 1, outcome: 'timeout' },
      { try: 2, status: 200, outcome: 'answered' },
    ])
  })

  it('400 is never tried again: one request, one warning, and only the next daily run pending', async () => {
    script = [status(400), ok]
    const clock = fakeClock()
    const { lines, said } = start(clock)
    await clock.advance(10 * MINUTE)
    await said(FAILED)
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      `usage report failed (${URL_SHOWN()}): the server answered 400 Bad Request, saying "y"`,
    ])
    expect(clock.pendingDelays()).toEqual([DAY])
    await clock.advance(2 * HOUR)
    expect(reports()).toHaveLength(1)
    expect(trail()).toMatchObject([{ try: 1, status: 400 }])
  })

  it('three failures: gives up after 3 tries, all three in the audit trail, one warning; the next day starts afresh', async () => {
    script = [status(503, { 'retry-after': '60' })]
    const clock = fakeClock()
    const { lines, said } = start(clock)
    await clock.advance(10 * MINUTE)
    const first = clock.now()
    for (let tried = 1; tried <= 2; tried++) {
      await said(RETRYING, tried)
      await clock.advance(60_000)
    }
    await said(FAILED, 3)
    expect(reports()).toHaveLength(3)
    expect(trail()).toEqual(
      [0, 1, 2].map((index) => ({
        at: iso(first + index * 60_000),
        try: index + 1,
        url: URL_SHOWN(),
        status: 503,
        outcome: 'answered',
        bodySha256: BODY_SHA256,
      })),
    )
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      `usage report failed (${URL_SHOWN()}): the server answered 503 Service Unavailable, saying "y" (try 3 of 3; not tried again: no try left today)`,
    ])
    expect(clock.pendingDelays()).toEqual([DAY - 2 * MINUTE])
    await clock.advance(6 * HOUR)
    expect(reports()).toHaveLength(3)
    // The next daily run starts again from try 1.
    script = [ok]
    await clock.advance(DAY)
    await said(SENT)
    expect(trail().at(-1)).toMatchObject({ at: iso(first + DAY), try: 1, status: 200 })
  })

  it.each([
    ['Retry-After: 900 (00:13, the next day)', status(503, { 'retry-after': '900' }), 'Retry-After'],
    ['a backoff (7.5 min)', status(429), 'backoff'],
  ])('a retry that would fall past the end of the UTC day is not scheduled: %s', async (_name, answer) => {
    script = [answer, ok]
    // Started at 23:48 UTC: the first run is at 23:58.
    const clock = fakeClock(Date.UTC(2026, 0, 1, 23, 48))
    const { lines, said } = start(clock)
    await clock.advance(10 * MINUTE)
    await said(FAILED)
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      expect.stringMatching(
        /\(not tried again: the next try would fall past the end of the day \(2026-01-02T00:00:00\.000Z\)\)$/,
      ),
    ])
    expect(clock.pendingDelays()).toEqual([DAY])
    await clock.advance(HOUR)
    expect(reports()).toHaveLength(1)
    expect(trail()).toHaveLength(1)
  })

  it('stop() during a pending retry cancels it: the server sees no further request', async () => {
    script = [status(503, { 'retry-after': '30' }), ok]
    const clock = fakeClock()
    const { handle, lines, said } = start(clock)
    await clock.advance(10 * MINUTE)
    await said(RETRYING)
    expect(clock.pendingDelays()).toEqual([30_000, DAY])
    await handle.stop()
    expect(clock.pendingDelays()).toEqual([])
    await clock.advance(HOUR)
    // Real time, too: no request is on its way.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(reports()).toHaveLength(1)
    expect(trail()).toHaveLength(1)
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])
    expect(lines.at(-1)?.message).toBe('usage report: next try cancelled: telemetry stopped')
  })

  it('never two runs at once: the tries of a day (up to 2 h here) end long before the next run is due', async () => {
    script = [status(503, { 'retry-after': '3600' })]
    const clock = fakeClock()
    const { lines, said } = start(clock)
    await clock.advance(10 * MINUTE)
    for (let day = 1; day <= 2; day++) {
      for (let tried = 1; tried <= 2; tried++) {
        await said(RETRYING, 2 * (day - 1) + tried)
        await clock.advance(HOUR)
      }
      await said(FAILED, 3 * day)
      expect(clock.pendingDelays()).toEqual([DAY - 2 * HOUR])
      if (day === 1) await clock.advance(DAY - 2 * HOUR)
    }
    expect(reports()).toHaveLength(6)
    expect(lines.filter((line) => /skipped/.test(line.message))).toEqual([])
    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1)
  })
})

describe('the version check is not retried', () => {
  it('answered 503 with Retry-After: one request, and none until the next day', async () => {
    releases = status(503, { 'retry-after': '1' })
    const clock = fakeClock()
    const { lines, said } = start(clock, { config: { checkNewVersion: true, sendAnonymousUsage: false } })
    await clock.advance(10 * MINUTE)
    await said(/^version check failed/)
    expect(clock.pendingDelays()).toEqual([DAY])
    await clock.advance(6 * HOUR)
    expect(server.requests).toHaveLength(1)
    expect(lines.filter((line) => /next try/.test(line.message))).toEqual([])
  })
})
