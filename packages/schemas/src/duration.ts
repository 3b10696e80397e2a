import * as z from 'zod'
import { withMeta } from './meta.js'

// Go's time.ParseDuration units, in nanoseconds.
const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
}
const GO_DURATION = /^((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/
const COMPONENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g
const BARE_SECONDS = /^\d+(\.\d+)?$/
const MAX_NANOS = 2n ** 63n - 1n

function decimalTimes(number: string, unit: bigint): bigint {
  const [whole = '0', fraction = ''] = number.split('.')
  const scale = 10n ** BigInt(fraction.length)
  return ((BigInt(whole || '0') * scale + BigInt(fraction || '0')) * unit) / scale
}

/** Go's limit: an int64 of nanoseconds, whose negative side reaches one further (-2^63). */
function withinRange(magnitude: bigint, negative: boolean): boolean {
  return magnitude <= (negative ? MAX_NANOS + 1n : MAX_NANOS)
}

/** The magnitude in nanoseconds of a text without its sign, or undefined if unreadable. */
function magnitudeOf(text: string): bigint | undefined {
  if (BARE_SECONDS.test(text)) return decimalTimes(text, UNIT_NANOS.s as bigint)
  if (!GO_DURATION.test(text)) return undefined
  let nanos = 0n
  for (const [, number, unit] of text.matchAll(COMPONENT)) {
    nanos += decimalTimes(number as string, UNIT_NANOS[unit as string] as bigint)
  }
  return nanos
}

/**
 * Reads a duration the way Baqup does: a Go duration string (`1m30s`, `100ms`, `42ns`)
 * or a bare number of seconds (`90`, `"90"`). Returns nanoseconds, or undefined if unreadable
 * or beyond Go's range (about 292 years either way).
 */
export function parseDuration(value: string | number): bigint | undefined {
  const text = String(value).trim()
  const negative = text.startsWith('-')
  const magnitude = magnitudeOf(text.replace(/^[-+]/, ''))
  if (magnitude === undefined || !withinRange(magnitude, negative)) return undefined
  return negative ? -magnitude : magnitude
}

function fraction(value: bigint, digits: number): string {
  const text = value.toString().padStart(digits, '0').replace(/0+$/, '')
  return text ? `.${text}` : ''
}

/** Go's Duration.String(): `0s`, `42ns`, `1.5µs`, `100ms`, `1m30s`, `3m0s`, `1h0m0s`. */
export function formatDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : ''
  const abs = nanos < 0n ? -nanos : nanos
  if (abs === 0n) return '0s'
  if (abs < 1_000n) return `${sign}${abs}ns`
  if (abs < 1_000_000n) return `${sign}${abs / 1_000n}${fraction(abs % 1_000n, 3)}µs`
  if (abs < 1_000_000_000n) return `${sign}${abs / 1_000_000n}${fraction(abs % 1_000_000n, 6)}ms`
  const hours = abs / 3_600_000_000_000n
  const minutes = (abs / 60_000_000_000n) % 60n
  const seconds = `${(abs / 1_000_000_000n) % 60n}${fraction(abs % 1_000_000_000n, 9)}s`
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}`
  if (minutes > 0n) return `${sign}${minutes}m${seconds}`
  return `${sign}${seconds}`
}

/**
 * A configuration repeats a few durations many times: their canonical forms are remembered, up
 * to a number of entries and only for numbers and short texts (a duration is a few characters;
 * a long text is not one and must not stay in memory).
 */
const canonicalForms = new Map<string | number, string | undefined>()
const REMEMBERED = 1024
const REMEMBERED_LENGTH = 32

export const isRemembered = (value: string | number): boolean =>
  typeof value === 'number' || value.length <= REMEMBERED_LENGTH

/** The canonical (Go) form of a duration, or undefined when it cannot be read. */
export function canonicalDuration(value: string | number): string | undefined {
  if (canonicalForms.has(value)) return canonicalForms.get(value)
  const nanos = parseDuration(value)
  const canonical = nanos === undefined ? undefined : formatDuration(nanos)
  if (canonicalForms.size < REMEMBERED && isRemembered(value)) canonicalForms.set(value, canonical)
  return canonical
}

/** A duration option: accepts Go duration strings or seconds, always yields the canonical string. */
export function duration() {
  const parsed = z.union([z.string(), z.number()]).transform((value, ctx) => {
    const canonical = canonicalDuration(value)
    if (canonical === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected a duration such as 30s, 1m30s, 100ms or a number of seconds, found ${JSON.stringify(value)}`,
      })
      return z.NEVER
    }
    return canonical
  })
  return withMeta(parsed, { kind: 'duration' })
}
