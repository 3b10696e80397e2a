import { describe, expect, it } from 'vitest'
import { tomlToRaw } from '../../src/config/toml.js'
import { integerBeyond64, mayHoldLongNumber } from '../../src/config/toml-strict.js'
import { errorOf, toml } from './helpers.js'

const parse = (text: string) => tomlToRaw(text, 't.toml')

/**
 * Invalid TOML 1.0 that @iarna/toml 3.0.0 accepts, each checked against the parser alone: the
 * cases of the toml-test suite (named by their file there, written out here) and variants.
 * [name, text, line:column, option path].
 */
const REDEFINED_TABLES: readonly (readonly [string, string, string, string])[] = [
  ['a table extended by a dotted key after its header (the issue)', '[a.b]\nc = 1\n[a]\nb.d = 2', '4:1', 'a.b'],
  ['table/append-with-dotted-keys-1', '[a.b.c]\n  z = 9\n\n[a]\n  b.c.t = "x"\n', '5:3', 'a.b.c'],
  ['table/append-with-dotted-keys-2', '[a.b.c.d]\n  z = 9\n\n[a]\n  b.c.d.k.t = "x"\n', '5:3', 'a.b.c.d'],
  ['a table with an empty header extended by a deeper dotted key', '[a.b]\n[a]\nb.c.d = 1', '3:1', 'a.b'],
  ['the same through quoted keys', '[a."b.c"]\n[a]\n\'b.c\'.d = 1', '3:1', 'a.b.c'],
  ['the same through an escape in a quoted key', '[a."b\\u0063"]\n[a]\nbc.d = 1', '3:1', 'a.bc'],
  ['the same with a quoted "=" and spaces around the dot', '[a."x=y"]\n[a]\n  "x=y" . z = 1', '3:3', 'a.x=y'],
  ['the same inside an array-of-tables element', '[[a]]\n[a.b.c]\nz = 1\n[a.b]\nc.t = 1', '5:1', 'a[0].b.c'],
  ['table/redefine-2: a header after dotted keys declared it', '[t1]\nt2.t3.v = 0\n[t1.t2]\n', '3:1', 't1.t2'],
  ['a header after root dotted keys declared it', 'a.b.c = 1\n[a]', '2:1', 'a'],
  ['a sub-table header after dotted keys declared it', '[x]\na.b.c = 1\n  [x.a]', '3:3', 'x.a'],
  ['a header after dotted keys in the same array-of-tables element', '[[a]]\nb.c.d = 1\n[a.b]', '3:1', 'a[0].b'],
]

const INTEGERS_BEYOND_64_BITS: readonly (readonly [string, string, string, string, 'above' | 'below'])[] = [
  ['2^63 (wrapped to −2^63 by the parser)', 'a = 9223372036854775808', '1:5', 'a', 'above'],
  ['−2^63 − 1 (wrapped to 2^63 − 1)', 'a = -9223372036854775809', '1:5', 'a', 'below'],
  ['with underscores', 'a = 9_223_372_036_854_775_808', '1:5', 'a', 'above'],
  ['with a plus sign', 'a = +9223372036854775808', '1:5', 'a', 'above'],
  ['20 digits (wrapped to a positive number)', 'a = 99999999999999999999', '1:5', 'a', 'above'],
  ['hexadecimal', 'a = 0x8000000000000000', '1:5', 'a', 'above'],
  ['hexadecimal, 72 bits (wrapped to −1)', 'a = 0xffffffffffffffffff', '1:5', 'a', 'above'],
  ['octal', 'a = 0o1000000000000000000000', '1:5', 'a', 'above'],
  ['binary', `a = 0b1${'0'.repeat(63)}`, '1:5', 'a', 'above'],
  ['in a multi-line list', '[t]\nl = [\n  1, # one\n  99999999999999999999,\n]', '4:3', 't.l[1]', 'above'],
  ['in an inline table', 't = { u.v = 1, w = [0, -99999999999999999999] }', '1:24', 't.w[1]', 'below'],
  ['in an array-of-tables element', '[[t]]\nv = 1\n[[t]]\nv = 99999999999999999999', '4:5', 't[1].v', 'above'],
]

/** Valid TOML 1.0 close to the refused cases: still read. */
const VALID_LOOK_ALIKES: readonly (readonly [string, string])[] = [
  ['a super-table header after its sub-table (TOML 1.0 allows it)', '[a.b]\nc = 1\n[a]\nd = 2'],
  ['a super-table header after a deeper sub-table', '[a.b.c]\nz = 1\n[a]\nd = 2'],
  ['a dotted key extending a table only created by a deeper header', '[a.b.c]\nz = 1\n[a]\nb.d = 2'],
  ['dotted keys extending each other', '[a]\nb.c = 1\nb.d = 2'],
  [
    'a sub-table within a table dotted keys declared (the spec example)',
    '[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true',
  ],
  ['a header deeper than dotted keys', '[a]\nb.c = 1\n[a.b.d]'],
  ['the same header in two array-of-tables elements', '[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2'],
  ['a header after dotted keys of an earlier element', '[[a]]\nb.c.d = 1\n[[a]]\n[a.b]'],
  [
    'the 64-bit limits',
    `a = 9223372036854775807\nb = -9223372036854775808\nc = 0x7fffffffffffffff\nd = 0o777777777777777777777\ne = 0b${'1'.repeat(63)}\nf = 9_223_372_036_854_775_807`,
  ],
  ['large floats', 'a = 9223372036854775808.0\nb = 9223372036854775808e0\nc = 1e400'],
  [
    'dates and times',
    'a = 1979-05-27 07:32:00Z\nb = 1979-05-27T07:32:00-08:00\nc = 07:32:00.999999\nd = [1979-05-27T07:32:00Z, 1979-05-27T00:32:00-07:00]',
  ],
  [
    'long digits in keys, strings and comments',
    '9223372036854775808 = 1\na = "99999999999999999999"\nb = \'99999999999999999999\'\nc = 1 # 99999999999999999999\n"9223372036854775809".x = 2',
  ],
  [
    'headers, dotted keys and long digits inside multi-line strings',
    'a = """\n[t]\nb.c = 99999999999999999999\n"""\n[t]\nb.c = 1',
  ],
  [
    'a multi-line string ending with its own quotes, and an escaped quote',
    'a = """x\\""" [t]\nt.u = 99999999999999999999"""""\nb = \'\'\'it\'s\'\'\'\'\'\n[t]\nt.u = 1',
  ],
  ['escapes in quoted keys', '[a."b\\u0063"]\nz = 1\n[a]\n"b\\u0064".e = 1'],
]

describe('tomlToRaw: what TOML 1.0 forbids and the parser accepts', () => {
  it.each(REDEFINED_TABLES)('refuses %s', (_name, text, at, path) => {
    const error = errorOf(() => parse(text))
    expect(`${error.line}:${error.column}`).toBe(at)
    expect(error).toMatchObject({ code: 'parse-error', source: 't.toml', path })
    expect(error.problem).toMatch(/^TOML syntax error: a (table is declared twice|dotted key adds to a table)/)
  })

  it.each(INTEGERS_BEYOND_64_BITS)('refuses an integer beyond 64 bits: %s', (_name, text, at, path, side) => {
    const error = errorOf(() => parse(text))
    expect(`${error.line}:${error.column}`).toBe(at)
    expect(error).toMatchObject({
      code: 'parse-error',
      path,
      problem: 'TOML syntax error: an integer outside the 64-bit range (TOML forbids it)',
      expected: 'an integer from -9223372036854775808 to 9223372036854775807',
      found: side === 'above' ? 'an integer above 9223372036854775807' : 'an integer below -9223372036854775808',
    })
  })

  it.each(VALID_LOOK_ALIKES)('reads %s', (_name, text) => {
    expect(() => parse(text)).not.toThrow()
  })

  it('keeps the parser refusing what it already refuses, in its own words', () => {
    for (const text of ['[a]\n[a]', '[[a]]\n[a]', 'a = {}\n[a]', 'a.b = 1\n[a.b]', 'a = {b = 1}\na.c = 2']) {
      expect(errorOf(() => parse(text)).problem).toMatch(/^TOML syntax error: a (table is declared|key is set) twice/)
    }
  })

  it('says where, which option, what was expected and what was found', () => {
    expect(errorOf(() => parse('[a.b]\nc = 1\n[a]\nb.d = 2')).message).toBe(
      't.toml:4:1: a.b: TOML syntax error: a dotted key adds to a table that has its own header (TOML forbids it): write the key under that header (expected the keys of a.b under its header at line 1, found the dotted key b.d)',
    )
    expect(errorOf(() => parse('[t1]\nt2.t3.v = 0\n[t1.t2]')).message).toBe(
      't.toml:3:1: t1.t2: TOML syntax error: a table is declared twice (TOML forbids it): merge the two into one (expected one declaration (dotted keys at line 2 declared it already), found the header [t1.t2])',
    )
    expect(errorOf(() => toml('[log]\nmaxSize = 9223372036854775808')).message).toBe(
      't.toml:2:11: log.maxSize: TOML syntax error: an integer outside the 64-bit range (TOML forbids it) (expected an integer from -9223372036854775808 to 9223372036854775807, found an integer above 9223372036854775807)',
    )
  })
})

describe('TOML integers reaching the schema', () => {
  it('refuses, located, an integer option beyond ±(2^53 − 1): the parser gives a bigint, never a rounded number', () => {
    const error = errorOf(() => toml('[log]\n  maxSize = 9007199254740993'))
    expect(error.message).toBe(
      't.toml:2:3: log.maxSize: beyond the exact integer range of ±(2^53 − 1) (expected an integer, found 9007199254740993)',
    )
  })

  it('refuses, located, a float option given an integer beyond ±(2^53 − 1), which a number would round', () => {
    const error = errorOf(() => toml('[tracing]\n  sampleRate = 9007199254740993'))
    expect(error.message).toMatch(/^t\.toml:2:3: tracing\.sampleRate: beyond the exact integer range of ±\(2\^53 − 1\)/)
  })

  it('reads an integer option at ±(2^53 − 1) exactly', () => {
    expect(toml('[log]\nmaxSize = 9007199254740991')).toMatchObject({ log: { maxSize: 9007199254740991 } })
  })
})

describe('integerBeyond64', () => {
  it.each([
    ['9223372036854775807', undefined],
    ['9223372036854775808', 'above'],
    ['-9223372036854775808', undefined],
    ['-9223372036854775809', 'below'],
    ['0x7FFF_FFFF_FFFF_FFFF', undefined],
    ['0x8000_0000_0000_0000', 'above'],
    ['1979-05-27T07:32:00Z', undefined],
    ['9223372036854775808.0', undefined],
    ['9223372036854775808e0', undefined],
    ['42', undefined],
  ] as const)('%s → %s', (word, expected) => {
    expect(integerBeyond64(word)).toBe(expected)
  })
})

describe('mayHoldLongNumber', () => {
  it.each([
    ['a = 9223372036854775808', true],
    ['a = 0xffff_ffff_ffff_ffff', true],
    [`a = 0b1${'0'.repeat(63)}`, true],
    ['a = 999999999999999', false],
    ['[entryPoints.ep12345]\nep1 = {}', false],
  ] as const)('%s → %s', (text, expected) => {
    expect(mayHoldLongNumber(text)).toBe(expected)
  })
})
