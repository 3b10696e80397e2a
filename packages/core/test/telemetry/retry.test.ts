import { describe, expect, it } from 'vitest'
import type { ExchangeTrace } from '../../src/telemetry/outcome.js'
import {
  endOfUTCDay,
  nextTry,
  pause,
  RETRY_POLICY,
  retryAfterMs,
  retryDeadline,
  type TryContext,
} from '../../src/telemetry/retry.js'
import { fakeClock, HOUR, MINUTE } from './fake-clock.js'

const NOW = Date.UTC(2026, 0, 1, 12)
const DAY = 24 * HOUR

describe('retryAfterMs', () => {
  it.each([
    ['delay-seconds', '120', 120_000],
    ['zero', '0', 0],
    ['spaces around', ' 5 ', 5_000],
    ['an IMF-fixdate', new Date(NOW + 90_000).toUTCString(), 90_000],
    ['an HTTP date already past', new Date(NOW - 90_000).toUTCString(), 0],
    ['an RFC 850 date', 'Thursday, 01-Jan-26 12:02:00 GMT', 120_000],
  ])('reads %s', (_name, value, expected) => {
    expect(retryAfterMs(value, NOW)).toBe(expected)
  })

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['negative', '-5'],
    ['a fraction', '1.5'],
    ['a bare number that is not seconds', '2026-01-01'],
    ['words', 'soon'],
  ])('ignores %s', (_name, value) => {
    expect(retryAfterMs(value, NOW)).toBeUndefined()
  })
})

describe('retryDeadline', () => {
  it('is the end of the UTC day the run started in', () => {
    expect(endOfUTCDay(Date.UTC(2026, 0, 31, 23, 59, 59, 999))).toBe(Date.UTC(2026, 1, 1))
    expect(endOfUTCDay(Date.UTC(2026, 1, 1))).toBe(Date.UTC(2026, 1, 2))
    expect(retryDeadline(Date.UTC(2026, 0, 1, 12), DAY - 30 * MINUTE)).toBe(Date.UTC(2026, 0, 2))
  })

  it('or, when sooner, the earliest time the next run may start', () => {
    const runAt = Date.UTC(2026, 0, 1, 0, 10)
    expect(retryDeadline(runAt, DAY - 30 * MINUTE)).toBe(runAt + DAY - 30 * MINUTE)
  })
})

describe('nextTry', () => {
  const context = (trace: ExchangeTrace, overrides: Partial<TryContext> = {}): TryContext => ({
    trace,
    tried: 1,
    now: NOW,
    deadline: endOfUTCDay(NOW),
    timeoutMs: 10_000,
    policy: RETRY_POLICY,
    random: () => 0.5,
    ...overrides,
  })
  const answered = (status: number, retryAfter?: string): ExchangeTrace => ({
    sent: true,
    status,
    outcome: 'answered',
    ...(retryAfter !== undefined && { retryAfter }),
  })

  it.each([
    ['503', answered(503)],
    ['429', answered(429)],
    ['a timeout', { sent: true, outcome: 'timeout' }],
    ['a connection lost after sending', { sent: true, outcome: 'connection-lost' }],
    ['a connection refused (nothing sent)', { sent: false, outcome: 'connection-lost' }],
  ] as [string, ExchangeTrace][])('tries again after %s', (_name, trace) => {
    expect(nextTry(context(trace)).waitMs).toBeGreaterThan(0)
  })

  it.each([
    ['400', answered(400)],
    ['401', answered(401)],
    ['404', answered(404)],
    ['413', answered(413)],
    ['422', answered(422)],
    ['500', answered(500)],
    ['502', answered(502)],
    ['200 too large to read', { sent: true, status: 200, outcome: 'too-large' }],
    ['a refused redirect', { sent: true, status: 307, outcome: 'redirect-refused' }],
    ['a cancellation', { sent: true, outcome: 'cancelled' }],
    ['a refused endpoint (no exchange)', { sent: false }],
  ] as [string, ExchangeTrace][])('never tries again after %s', (_name, trace) => {
    expect(nextTry(context(trace))).toEqual({})
  })

  it('waits what Retry-After asks, capped at one hour', () => {
    expect(nextTry(context(answered(503, '1')))).toEqual({ waitMs: 1000, after: 'Retry-After' })
    expect(nextTry(context(answered(429, '7200')))).toEqual({ waitMs: HOUR, after: 'Retry-After' })
    const date = new Date(NOW + 5 * MINUTE).toUTCString()
    expect(nextTry(context(answered(503, date)))).toEqual({ waitMs: 5 * MINUTE, after: 'Retry-After' })
  })

  it.each([
    [1, 0, 5 * MINUTE],
    [1, 0.999_999, 10 * MINUTE],
    [2, 0, 10 * MINUTE],
    [2, 0.999_999, 20 * MINUTE],
  ])('without Retry-After, after try %s with random() = %s, backs off about %s ms', (tried, random, expected) => {
    const next = nextTry(context(answered(429), { tried, random: () => random }))
    expect(next.after).toBe('backoff')
    expect(next.waitMs).toBeCloseTo(expected, -2)
  })

  it('ignores Retry-After on an exchange that was not answered', () => {
    const trace: ExchangeTrace = { sent: true, outcome: 'timeout', retryAfter: '1' }
    expect(nextTry(context(trace)).after).toBe('backoff')
  })

  it('makes 3 tries in all', () => {
    expect(nextTry(context(answered(503, '1'), { tried: 2 })).waitMs).toBe(1000)
    expect(nextTry(context(answered(503, '1'), { tried: 3 }))).toEqual({ why: 'no try left today' })
  })

  it('makes no try that would not be over before the end of the day', () => {
    const deadline = endOfUTCDay(NOW)
    const late = (now: number) => nextTry(context(answered(503, '60'), { now }))
    expect(late(deadline - 70_000).waitMs).toBe(60_000)
    expect(late(deadline - 69_999)).toEqual({
      why: 'the next try would fall past the end of the day (2026-01-02T00:00:00.000Z)',
    })
  })
})

describe('pause', () => {
  it('waits on the given timers, and unrefs them', async () => {
    const clock = fakeClock()
    let unrefs = 0
    const timers = {
      setTimeout: (callback: () => void, ms: number) => {
        const handle = clock.timers.setTimeout(callback, ms) as { unref: () => void }
        return { ...handle, unref: () => unrefs++ }
      },
      clearTimeout: clock.timers.clearTimeout,
    }
    let done = false
    void pause(1000, timers, new AbortController().signal).then(() => {
      done = true
    })
    expect(unrefs).toBe(1)
    await clock.advance(999)
    expect(done).toBe(false)
    await clock.advance(1)
    expect(done).toBe(true)
  })

  it('settles at once when aborted, and clears its timer', async () => {
    const clock = fakeClock()
    const controller = new AbortController()
    const paused = pause(HOUR, clock.timers, controller.signal)
    expect(clock.pendingDelays()).toEqual([HOUR])
    controller.abort()
    await paused
    expect(clock.pendingDelays()).toEqual([])
  })
})
