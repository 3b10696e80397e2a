import { describe, expect, it } from 'vitest'
import { parse as parseYAML } from 'yaml'
import { canonicalDuration, duration, formatDuration, isRemembered, parseDuration } from '../src/duration.js'
import { readReference, referenceRows } from './reference.js'

describe('parseDuration', () => {
  it.each([
    ['42s', 42_000_000_000n],
    ['1m51s', 111_000_000_000n],
    ['100ms', 100_000_000n],
    ['42ns', 42n],
    ['1.5h', 5_400_000_000_000n],
    ['2h45m', 9_900_000_000_000n],
    ['1µs', 1_000n],
    ['1us', 1_000n],
    ['-3s', -3_000_000_000n],
    ['0', 0n],
    ['90', 90_000_000_000n],
    [90, 90_000_000_000n],
    [' 5s ', 5_000_000_000n],
  ] as const)('reads %j', (text, nanos) => {
    expect(parseDuration(text)).toBe(nanos)
  })

  it.each(['', 's', '1x', '1 s', 'ten seconds', '1s2', '--1s', '+-1s', '1.2.3s', '9999999999h', '-', '.'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined()
    },
  )

  // Go keeps durations in an int64 of nanoseconds: 2^63 - 1 = 9223372036854775807 ns, and -2^63.
  it.each([
    ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
    ['-2562047h47m16.854775808s', -9_223_372_036_854_775_808n],
    ['9223372036.854775807', 9_223_372_036_854_775_807n],
    ['-9223372036.854775808', -9_223_372_036_854_775_808n],
    ['9223372036', 9_223_372_036_000_000_000n],
  ] as const)('reads %j, at the edge of the range', (text, nanos) => {
    expect(parseDuration(text)).toBe(nanos)
  })

  it.each([
    '2562047h47m16.854775808s',
    '-2562047h47m16.854775809s',
    '9223372037',
    '9223372036.854775808',
    '99999999999999999999',
    '-99999999999999999999',
    1e20,
  ])('refuses %j, beyond the range, written with units or as seconds alike', (value) => {
    expect(parseDuration(value)).toBeUndefined()
    expect(duration().safeParse(value).success).toBe(false)
  })
})

describe('canonicalDuration', () => {
  it('gives the same answer for a text it remembers and one it does not', () => {
    const long = `${'0'.repeat(40)}90`
    expect(canonicalDuration(long)).toBe('1m30s')
    expect(canonicalDuration(long)).toBe('1m30s')
    expect(canonicalDuration('90')).toBe('1m30s')
    expect(canonicalDuration('90')).toBe('1m30s')
  })

  it('remembers numbers and texts of at most 32 characters only', () => {
    expect(isRemembered(90)).toBe(true)
    expect(isRemembered('1h2m3s')).toBe(true)
    expect(isRemembered('1'.repeat(32))).toBe(true)
    expect(isRemembered('1'.repeat(33))).toBe(false)
    expect(isRemembered('x'.repeat(1024 * 1024))).toBe(false)
  })
})

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [0n, '0s'],
    [42n, '42ns'],
    [1_500n, '1.5µs'],
    [100_000_000n, '100ms'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [180_000_000_000n, '3m0s'],
    [3_600_000_000_000n, '1h0m0s'],
    [-2_000_000_000n, '-2s'],
    [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
    [-9_223_372_036_854_775_808n, '-2562047h47m16.854775808s'],
  ] as const)('%s ns is %s', (nanos, text) => {
    expect(formatDuration(nanos)).toBe(text)
  })
})

/** Every duration value of a parsed document, found by the option paths of kind duration. */
function durationValues(document: unknown, durationPaths: Set<string>, path = ''): unknown[] {
  if (typeof document !== 'object' || document === null) return durationPaths.has(path) ? [document] : []
  return Object.entries(document).flatMap(([key, value]) => {
    const next = Array.isArray(document) ? `${path}[]` : path ? `${path}.${key}` : key
    return durationValues(value, durationPaths, next)
  })
}

describe('the canonical form', () => {
  const rows = referenceRows().filter((row) => row.kind === 'duration')

  it.each(rows.filter((row) => row.default).map((row) => [row.path, row.default]))(
    'keeps the reference default of %s (%s) as it is',
    (_, value) => {
      expect(canonicalDuration(value)).toBe(value)
    },
  )

  it('round-trips every duration of the full reference file', () => {
    // Map entry names in the file are concrete (EntryPoint0): compare on paths with <name>.
    const paths = new Set(rows.map((row) => row.path))
    const named = JSON.stringify(parseYAML(readReference('baqup.full.yaml'))).replace(
      /"(EntryPoint|CertificateResolver|Descriptor|LocalDescriptor|PluginConf)\d"/g,
      '"<name>"',
    )
    const values = durationValues(JSON.parse(named), paths)
    expect(values.length).toBeGreaterThan(30)
    for (const value of values) {
      const canonical = canonicalDuration(value as string | number)
      expect(canonical, String(value)).toBeDefined()
      expect(canonicalDuration(canonical as string)).toBe(canonical)
      expect(parseDuration(canonical as string)).toBe(parseDuration(value as string | number))
    }
  })

  it('is what the schema yields, and the schema refuses what it cannot read', () => {
    expect(duration().parse('111s')).toBe('1m51s')
    expect(duration().parse(90)).toBe('1m30s')
    expect(duration().parse('90')).toBe('1m30s')
    expect(duration().safeParse('soon').error?.issues[0]?.message).toMatch(/expected a duration .* found "soon"/)
  })
})
