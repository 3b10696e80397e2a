import type { ExchangeOutcome, ExchangeTrace } from './outcome.js'
import type { Timers } from './schedule.js'

/**
 * A usage report that was not taken is tried again within the day it belongs to (DESIGN.md,
 * "Sending"). The version check is never retried: tomorrow's will do.
 *
 * The day a report belongs to is the UTC day its run started in: the collector counts an
 * installation once per (hash, UTC day of arrival), so a retry that arrives the same UTC day
 * stands in for the lost report (or is counted once with it, when the lost one did arrive), while
 * one that arrived the next day would only double the next run's report and still leave the day
 * without one. No try starts later than the shortest wait to the next run either (24 h − 30 min):
 * the tries are part of their run, which the state file records once, at its start.
 */

/** Answers that acknowledged nothing and ask to come back later. Any other status is final. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([
  429, // Too Many Requests: the collector limits this installation or its network for now.
  503, // Service Unavailable: the collector cannot store now (store down, restarting).
])

/** Exchanges that ended without an answer; the collector counts a report once a day if it arrived. */
export const RETRY_OUTCOMES: ReadonlySet<ExchangeOutcome> = new Set<ExchangeOutcome>([
  'timeout', // no complete answer in time
  'connection-lost', // refused, reset or dropped before a complete answer
])

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxTries: number
  /** The longest wait before a try: a larger `Retry-After` is cut to it. */
  maxWaitMs: number
  /** Without `Retry-After`, the n-th retry waits a random time between half and all of `backoffMs × 2^(n−1)`. */
  backoffMs: number
}

export const RETRY_POLICY: RetryPolicy = { maxTries: 3, maxWaitMs: 60 * 60_000, backoffMs: 10 * 60_000 }

/** `Retry-After` (delay-seconds or an HTTP date) as a wait from `now` in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP date starts with its day name (IMF-fixdate, RFC 850 and asctime forms alike).
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** The end of the UTC day `at` falls in (epoch ms). */
export function endOfUTCDay(at: number): number {
  const day = new Date(at)
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1)
}

/** No try of a run started at `runAt` may still be going on after this. */
export function retryDeadline(runAt: number, minimumGapMs: number): number {
  return Math.min(endOfUTCDay(runAt), runAt + minimumGapMs)
}

export interface TryContext {
  /** How the try just failed. */
  trace: ExchangeTrace
  /** Its number, from 1. */
  tried: number
  now: number
  /** See `retryDeadline`. */
  deadline: number
  /** Limit of one try: a try is made only when it ends before the deadline, timeout included. */
  timeoutMs: number
  policy: RetryPolicy
  random: () => number
}

export type NextTry =
  | { waitMs: number; after: 'Retry-After' | 'backoff' }
  /** `why` is absent when the failure is not one that is retried. */
  | { waitMs?: never; why?: string }

const isRetryable = ({ outcome, status }: ExchangeTrace) =>
  outcome === 'answered'
    ? status !== undefined && RETRY_STATUSES.has(status)
    : outcome !== undefined && RETRY_OUTCOMES.has(outcome)

/** Whether, and when, the report is tried again after a failed try. */
export function nextTry(context: TryContext): NextTry {
  const { trace, tried, now, policy } = context
  if (!isRetryable(trace)) return {}
  if (tried >= policy.maxTries) return { why: 'no try left today' }
  const asked = trace.outcome === 'answered' ? retryAfterMs(trace.retryAfter, now) : undefined
  const backoff = policy.backoffMs * 2 ** (tried - 1) * (0.5 + context.random() / 2)
  const waitMs = Math.round(Math.min(asked ?? backoff, policy.maxWaitMs))
  if (now + waitMs + context.timeoutMs > context.deadline) {
    return { why: `the next try would fall past the end of the day (${new Date(context.deadline).toISOString()})` }
  }
  return { waitMs, after: asked === undefined ? 'backoff' : 'Retry-After' }
}

/** Waits `ms` on `timers` (the handle unref'd: it never holds the process open); settles at once when `signal` aborts. */
export function pause(ms: number, timers: Timers, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }
    const onAbort = () => {
      timers.clearTimeout(handle)
      done()
    }
    const handle = timers.setTimeout(done, ms)
    ;(handle as { unref?: () => void } | undefined)?.unref?.()
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
