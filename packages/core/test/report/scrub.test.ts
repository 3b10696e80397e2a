import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_CHECKED_LENGTH, SCRUBBED, scrub, textProblem } from '../../src/report/scrub.js'
import type { Meter } from '../../src/report/words.js'

describe('scrub', () => {
  it.each([
    'web',
    'websecure',
    'web-secure',
    'DEBUG',
    'json',
    'RSA4096',
    'v1.2.3',
    'v2.0.0-rc.1',
    'X-Forwarded-For',
    'RequestHost',
    'keep',
    'foo Address',
    'ISRG Root X1',
    '(STAGING) Pretend Pear X1',
    '',
    // Words in other scripts without a dot: names, not hosts.
    'Größe',
    'сервис',
    '服务',
  ])('keeps %j', (value) => {
    expect(scrub(value)).toEqual({ value })
  })

  it.each([
    ['tcp://10.10.10.10:2375', 'address, port or URL'],
    ['https://collector.example.com/v1', 'address, port or URL'],
    ['/home/alice/secret', 'path or URL'],
    ['C:\\Users\\alice', 'address, port or URL'],
    ['home/alice', 'path or URL'],
    ['alice:hunter2@db', 'address, port or URL'],
    ['alice@localhost', 'e-mail address or user name'],
    ['auth@file', 'e-mail address or user name'],
    ['ops@example.com', 'e-mail address or user name'],
    ['10.0.0.1', 'host name, IP address or dotted token'],
    ['1.10', 'host name, IP address or dotted token'],
    ['::1', 'address, port or URL'],
    ['[::]:443', 'characters other than letters, digits, spaces, -, _, ( and )'],
    ['example.com', 'host name, IP address or dotted token'],
    ['mycert.pem', 'host name, IP address or dotted token'],
    ['例子。测试', 'host name, IP address or dotted token'],
    ['shop．example．com', 'full-width or compatibility characters'],
    ['ｅｘａｍｐｌｅ', 'full-width or compatibility characters'],
    ['s3cr3t%2Eexample%2Ecom', 'percent-encoded text'],
    ['s3cr3t_example_com', 'reads as a host name (labels joined by - or _)'],
    ['see s3cr3t-example-de', 'reads as a host name (labels joined by - or _)'],
    ['3f2c9a1b7e4d', 'a hexadecimal identifier'],
    ['0123456789', '6 or more digits in a row'],
    ['dGhpcyBpcyBhIHNlY3JldCB0b2tlbg', 'a word longer than 20 characters (token-like)'],
    ['dGhpcyBpcyBhIHNlY3JldA==', 'characters other than letters, digits, spaces, -, _, ( and )'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln', 'host name, IP address or dotted token'],
    ['x'.repeat(MAX_CHECKED_LENGTH + 1), `text longer than ${MAX_CHECKED_LENGTH} characters`],
  ])('scrubs %j: %s', (value, pattern) => {
    expect(scrub(value)).toEqual({ value: SCRUBBED, pattern })
  })

  it('replaces with exactly 32 x, which scrubs to itself', () => {
    expect(SCRUBBED).toBe('x'.repeat(32))
    expect(scrub(SCRUBBED).value).toBe(SCRUBBED)
  })

  /** Strings built to make a backtracking matcher work hard, at a given length. */
  const hostile: Record<string, (n: number) => string> = {
    'dotted labels': (n) => `${'a.'.repeat(n / 2 - 1)}1`,
    'dashed labels': (n) => `${'a-'.repeat(n / 2 - 1)}.1`,
    'colon groups': (n) => `${'0:'.repeat(n / 2 - 1)}g`,
    'one long word': (n) => `${'a'.repeat(n - 3)}.a1`,
    'dotted digits': (n) => '1.'.repeat(n / 2),
    'at signs': (n) => `${'@a.'.repeat(Math.floor(n / 3))}`,
    'short words': (n) => 'ab '.repeat(Math.floor(n / 3)),
    'hex-like words': (n) => 'a1b2c3d '.repeat(Math.floor(n / 8)),
    'word breaks in a version': (n) => `v${'1.'.repeat(n / 2 - 1)}`,
    'separators only': (n) => '-_'.repeat(n / 2),
    'other scripts': (n) => 'ab例'.repeat(Math.floor(n / 3)),
  }

  it.each(Object.keys(hostile))('does work linear in the length on %s', (name) => {
    const work = (n: number) => {
      const meter: Meter = { steps: 0 }
      textProblem((hostile[name] as (n: number) => string)(n), meter)
      return meter.steps
    }
    for (const n of [64, 256, 1024]) expect(work(n)).toBeLessThanOrEqual(4 * n)
    // Doubling the input at most doubles the work (plus a constant).
    expect(work(1024)).toBeLessThanOrEqual(2 * work(512) + 8)
  })

  it('does work linear in the length on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: MAX_CHECKED_LENGTH, unit: fc.constantFrom(...'ab1.-_ :@/%例') }), (text) => {
        const meter: Meter = { steps: 0 }
        textProblem(text, meter)
        expect(meter.steps).toBeLessThanOrEqual(4 * text.length + 4)
      }),
    )
  })

  /** Letters of several scripts, with a combining mark (Devanagari's vowel sign ा). */
  const letter = fc.constantFrom(...'abcxyzäöüßéñøпримерфрдомен例子测试服务παράδειγμαδοκιμήउदहरणभरता')
  const label = fc.string({ unit: letter, minLength: 1, maxLength: 12 }).filter((text) => !/^\p{M}/u.test(text))

  it('scrubs any dotted host name in any script, with or without a port or a path', () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 2, maxLength: 4 }),
        fc.constantFrom('', ':443', '/path'),
        (labels, tail) => {
          expect(scrub(`${labels.join('.')}${tail}`).value).toBe(SCRUBBED)
        },
      ),
    )
  })
})
