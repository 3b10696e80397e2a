import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_CHECKED_LENGTH, SCRUB_PATTERNS, SCRUBBED, scrub } from '../src/scrub.js'

describe('scrub', () => {
  it.each([
    // Ports, entry point and middleware references, enumerations, durations, versions.
    ':80',
    ':443',
    ':8443/udp',
    'web',
    'websecure',
    'web-secure',
    'auth@file',
    'redirect@docker',
    'DEBUG',
    'json',
    'common',
    '1m51s',
    '42ns',
    'RSA4096',
    'EC256',
    'v1.2.3',
    'v2.0.0-rc.1',
    '1.10',
    'X-Forwarded-For',
    'RequestHost',
    'keep',
    'foo Address',
    'Label("foo", "bar")',
    'PathPrefix(`/`)',
    '12:30',
    '',
    // Words in other scripts without a dot: names, not hosts.
    'Größe',
    'сервис',
    '服务',
    'v1.2.3-βeta',
  ])('keeps %j', (value) => {
    expect(scrub(value)).toEqual({ value })
  })

  it.each([
    ['tcp://10.10.10.10:2375', 'URL'],
    ['unix:///var/run/docker.sock', 'URL'],
    ['https://collector.example.com/v1', 'URL'],
    ['http://localhost:8080', 'URL'],
    ['git+ssh://host/repo', 'URL'],
    ['ops@example.com', 'e-mail address'],
    ['Contact: first.last+tag@mail.example.org please', 'e-mail address'],
    ['10.0.0.1', 'IPv4 address'],
    ['0.0.0.0:80', 'IPv4 address'],
    ['127.0.0.1/32', 'IPv4 address'],
    ['192.168.1.10:8080', 'IPv4 address'],
    ['::1', 'IPv6 address'],
    ['[::]:443', 'IPv6 address'],
    ['[2001:db8::1]:8443', 'IPv6 address'],
    ['fe80::1%eth0', 'IPv6 address'],
    ['2001:db8::/32', 'IPv6 address'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'IPv6 address'],
    ['example.com', 'host name'],
    ['proxy.example.com:8443', 'host name'],
    ['db.internal', 'host name'],
    ['*.example.org', 'host name'],
    ['_acme-challenge.example.org', 'host name'],
    ['xn--80ak6aa92e.xn--p1ai', 'host name'],
    // Host names are case-insensitive: written in capitals, they are the same names.
    ['EXAMPLE.COM', 'host name'],
    ['XN--80AK6AA92E.XN--P1AI', 'host name'],
    ['ПРИМЕР.РФ', 'host name'],
    ['DB-PRIMARY:5432', 'host name with port'],
    ['github.com/baqup/plugindemo', 'host name'],
    // Ambiguous (a file name, a dotted middleware name): scrubbed, privacy first.
    ['mycert.pem', 'host name'],
    ['my.middleware@kubernetescrd', 'host name'],
    ['Host(`shop.example.net`)', 'host name'],
    // Internationalized host names, written in their own script.
    ['bücher.de', 'host name'],
    ['пример.рф', 'host name'],
    ['例子.测试', 'host name'],
    ['例子。测试', 'host name'],
    ['shop.пример.рф:8443', 'host name'],
    ['उदाहरण.भारत', 'host name'],
    ['παράδειγμα.δοκιμή', 'host name'],
    ['Host(`bücher.example`)', 'host name'],
    ['localhost:8080', 'host name with port'],
    ['сервер:8080', 'host name with port'],
    ['db-primary:5432', 'host name with port'],
    ['x'.repeat(MAX_CHECKED_LENGTH + 1), `text longer than ${MAX_CHECKED_LENGTH} characters`],
  ])('scrubs %j as %s', (value, pattern) => {
    expect(scrub(value)).toEqual({ value: SCRUBBED, pattern })
  })

  it('replaces with exactly 32 x', () => {
    expect(SCRUBBED).toBe('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
    expect(SCRUBBED).toHaveLength(32)
  })

  it('checks a string of the longest checked length with the patterns', () => {
    expect(scrub('a'.repeat(MAX_CHECKED_LENGTH))).toEqual({ value: 'a'.repeat(MAX_CHECKED_LENGTH) })
  })

  it('finishes quickly on strings built to make regular expressions backtrack', () => {
    const hostile = [
      `${'a.'.repeat(511)}1`,
      `${'a-'.repeat(511)}.1`,
      `${'0:'.repeat(511)}g`,
      `${'a'.repeat(1020)}.a1`,
      `${'1.'.repeat(511)}`,
      `${'@a.'.repeat(341)}`,
    ]
    const started = performance.now()
    for (const value of hostile) scrub(value)
    // A generous bound: this only guards against a catastrophic (exponential) pattern.
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  /** Letters of several scripts, with a combining mark (Devanagari's vowel sign ा). */
  const letter = fc.constantFrom(...'abcxyzäöüßéñøпримерфрдомен例子测试服务παράδειγμαδοκιμήउदहरणभरता')
  const label = fc.string({ unit: letter, minLength: 1, maxLength: 12 }).filter((text) => !/^\p{M}/u.test(text))
  const tld = fc.string({ unit: letter, minLength: 2, maxLength: 8 }).filter((text) => !/^\p{M}/u.test(text))

  it('scrubs any host name of letters in any script, with or without a port or a path', () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        tld,
        fc.constantFrom('', ':443', '/path', ':8080/x'),
        (labels, top, tail) => {
          expect(scrub(`${[...labels, top].join('.')}${tail}`)).toEqual({ value: SCRUBBED, pattern: 'host name' })
        },
      ),
    )
  })

  it('keeps names, ports, references and versions, whatever letters they use', () => {
    const name = fc.string({ unit: fc.oneof(letter, fc.constantFrom(...'ABC019_-')), minLength: 1, maxLength: 12 })
    const survivor = fc.oneof(
      name,
      name.map((text) => `${text}@file`),
      fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`),
      fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map(([a, b, c]) => `v${a}.${b}.${c}`),
    )
    fc.assert(
      fc.property(survivor, (value) => {
        expect(scrub(value)).toEqual({ value })
      }),
    )
  })

  it('gives every pattern a name', () => {
    const names = SCRUB_PATTERNS.map((pattern) => pattern.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name.length).toBeGreaterThan(2)
  })
})
