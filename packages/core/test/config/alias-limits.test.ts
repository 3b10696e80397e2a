import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/config/limits.js'
import { errorOf, yaml } from './helpers.js'

/** `count` aliases of one anchor in the ignored `http:` section, flow style. */
const aliasesInHttp = (count: number) => `http:\n  a: &a x\n  l: [${Array(count).fill('*a').join(', ')}]\n`

/** `count` mappings merging one anchor (`<<: *a`) in the ignored `http:` section. */
const mergesInHttp = (count: number) =>
  `http:\n  a: &a {x: 1, y: 2}\n  l:\n${Array(count).fill('    - <<: *a\n      z: 3\n').join('')}`

describe('YAML aliases: resolved in one pass, limited in number and in expanded size', () => {
  it('reads legitimate aliases and merge keys', () => {
    const text = [
      'entryPoints:',
      '  web: &web',
      '    address: ":80"',
      '    transport:',
      '      respondingTimeouts: {readTimeout: 42s}',
      '  websecure:',
      '    <<: *web',
      '    address: ":443"',
      '    forwardedHeaders:',
      '      trustedIPs: &cloudflare ["173.245.48.0/20", "103.21.244.0/22"]',
      '  admin:',
      '    forwardedHeaders:',
      '      trustedIPs: *cloudflare',
    ].join('\n')
    const entryPoints = yaml(text).entryPoints as Record<string, Record<string, unknown>>
    expect(entryPoints.admin?.forwardedHeaders).toEqual(entryPoints.websecure?.forwardedHeaders)
    expect(entryPoints.websecure?.transport).toEqual({ respondingTimeouts: { readTimeout: '42s' } })
    expect(entryPoints.websecure?.address).toBe(':443')
  })

  it('names the last anchor of a name written before the alias', () => {
    const redefined = 'http: {a: &f common, b: *f}\nlog: {format: &f json}\naccessLog: {format: *f}'
    expect(yaml(redefined).accessLog).toEqual({ format: 'json' })
  })

  it(`reads ${LIMITS.maxAliases} aliases, and merge keys, in the ignored http section`, () => {
    expect(yaml(aliasesInHttp(LIMITS.maxAliases))).toEqual({})
    expect(yaml(mergesInHttp(LIMITS.maxAliases))).toEqual({})
  })

  it.each([
    ['aliases', aliasesInHttp(LIMITS.maxAliases + 1)],
    ['merge keys', mergesInHttp(LIMITS.maxAliases + 1)],
    ['aliases filling 1 MiB', aliasesInHttp(340_000)],
  ])('refuses one alias more than the limit, located at it: %s', (_name, text) => {
    const error = errorOf(() => yaml(text))
    expect(error.problem).toBe(`more than ${LIMITS.maxAliases} aliases: refused`)
    const offset = text.split('*a', LIMITS.maxAliases + 1).join('*a').length
    const before = text.slice(0, offset).split('\n')
    expect([error.line, error.column]).toEqual([before.length, (before.at(-1) as string).length + 1])
  })

  it('counts an alias in the text after parsing too (the scan before it may only count more)', () => {
    // `[*a,*a]` with no space: the scan sees them after `[` and `,`; here they hide after a tab.
    const text = `http:\n  a: &a x\n  l:\n${Array(LIMITS.maxAliases + 1)
      .fill('  -\t*a\n')
      .join('')}`
    expect(errorOf(() => yaml(text)).problem).toBe(`more than ${LIMITS.maxAliases} aliases: refused`)
  })

  it('refuses a long text aliased until its expanded size passes the limit', () => {
    const long = 'x'.repeat(400_000)
    const copies = Math.ceil(LIMITS.maxExpandedChars / long.length) + 1
    const text = `http:\n  a: &a ${long}\n  l: [${Array(copies).fill('*a').join(', ')}]\n`
    const error = errorOf(() => yaml(text))
    expect(error.problem).toBe(`more than ${LIMITS.maxExpandedChars} characters once aliases are expanded: refused`)
    expect(error.line).toBe(3)
  })

  it('reads a long text aliased a few times, within the expanded size', () => {
    const long = 'x'.repeat(300_000)
    expect(yaml(`http:\n  a: &a ${long}\n  l: [*a, *a, *a]\n`)).toEqual({})
  })

  it.each([
    [
      'an alias with no anchor',
      'log:\n  level: *nothing',
      'an alias (*name) with no anchor (&name) before it',
      [2, 10],
    ],
    ['an alias before its anchor', 'http: [*a, &a x]', 'an alias (*name) with no anchor (&name) before it', [1, 8]],
    [
      'an anchor on an empty value',
      'log:\n  level: &DEBUG',
      'an anchor (&name) that no alias uses: remove it, or quote the value if it starts with "&"',
      [2, 10],
    ],
    [
      'an anchor no alias uses',
      'log:\n  level: &b DEBUG',
      'an anchor (&name) that no alias uses: remove it, or quote the value if it starts with "&"',
      [2, 10],
    ],
  ])('refuses %s', (_name, text, problem, position) => {
    const error = errorOf(() => yaml(text))
    expect(error.problem).toBe(problem)
    expect([error.line, error.column]).toEqual(position)
  })
})
