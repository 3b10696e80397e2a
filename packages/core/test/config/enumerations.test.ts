import { describe, expect, it } from 'vitest'
import { anonymize } from '../../src/report/anonymize.js'
import { configHash } from '../../src/report/hash.js'
import { errorOf, fromEnv, fromFlags, schema, yaml } from './helpers.js'

const LEVELS = 'one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, PANIC, in any case'

describe('enumerations: a closed set is checked where the value is written', () => {
  it('refuses a value outside the set, located, listing the allowed values', () => {
    const error = errorOf(() => yaml('log:\n  level: verbose\n'))
    expect(error).toMatchObject({ source: 't.yaml', line: 2, column: 10, path: 'log.level', expected: LEVELS })
    expect(error.found).toBe('"verbose"')
    expect(error.suggestion).toBeUndefined()
    expect(error.message).toBe(`t.yaml:2:10: log.level: not an allowed value (expected ${LEVELS}, found "verbose")`)
  })

  it.each([
    ['log:\n  level: debg', 'log.level', 'DEBUG'],
    ['accessLog:\n  format: JSON', 'accessLog.format', 'json'],
    ['accessLog:\n  format: genericclf', 'accessLog.format', 'genericCLF'],
    [
      'certificatesResolvers:\n  le:\n    acme:\n      keyType: RSA409',
      'certificatesResolvers.le.acme.keyType',
      'RSA4096',
    ],
  ])('suggests the closest allowed value: %j', (text, path, suggestion) => {
    expect(errorOf(() => yaml(text))).toMatchObject({ path, suggestion })
  })

  it('reads a set that Baqup reads in any case in any case, kept in the listed spelling', () => {
    for (const level of ['debug', 'Debug', 'DEBUG'])
      expect(yaml(`log:\n  level: ${level}`)).toEqual({ log: { level: 'DEBUG' } })
    expect(fromFlags('--LOG.LEVEL=debug')).toEqual({ log: { level: 'DEBUG' } })
    expect(fromEnv({ BAQUP_LOG_LEVEL: 'info' })).toEqual({ log: { level: 'INFO' } })
  })

  it('refuses another case where Baqup compares as written', () => {
    expect(errorOf(() => yaml('log:\n  format: JSON'))).toMatchObject({
      path: 'log.format',
      expected: 'one of common, json',
      suggestion: 'json',
    })
  })

  it('gives two spellings of one value the same anonymized configuration and hash', () => {
    const lower = yaml('log:\n  level: warn\nproviders:\n  consulCatalog:\n    strictChecks: [Passing]')
    const upper = yaml('log:\n  level: WARN\nproviders:\n  consulCatalog:\n    strictChecks: [passing]')
    expect(anonymize(schema, lower)).toEqual(anonymize(schema, upper))
    expect(anonymize(schema, lower)).toMatchObject({ log: { level: 'WARN' } })
    // The hash is taken over the effective configuration (the loaded one through the schema).
    expect(configHash(schema.parse(lower), 'key')).toBe(configHash(schema.parse(upper), 'key'))
  })

  it('checks each item of a list of a closed set at its own place', () => {
    const error = errorOf(() => yaml('providers:\n  precedence:\n    - docker\n    - dockr\n'))
    expect(error).toMatchObject({ line: 4, column: 7, path: 'providers.precedence[1]', suggestion: 'docker' })
    expect(errorOf(() => fromFlags('--providers.precedence=file,nope')).path).toBe('providers.precedence[1]')
  })

  it('shows only the type of a wrong value in a masked option, still listing the allowed ones', () => {
    const error = errorOf(() => yaml('core:\n  defaultRuleSyntax: s3cret-v4'))
    expect(error).toMatchObject({ path: 'core.defaultRuleSyntax', expected: 'one of v3, v2', found: 'a string' })
    expect(error.message).not.toContain('s3cret')
  })

  it('checks each value of a map of a closed set at its own place, as written', () => {
    const error = errorOf(() =>
      yaml('accessLog:\n  fields:\n    names:\n      ClientHost: keep\n      Duration: dorp\n'),
    )
    expect(error).toMatchObject({
      line: 5,
      column: 17,
      path: 'accessLog.fields.names.Duration',
      expected: 'one of keep, drop',
      found: '"dorp"',
      suggestion: 'drop',
    })
    expect(errorOf(() => yaml('accessLog:\n  fields:\n    names:\n      ClientHost: KEEP'))).toMatchObject({
      suggestion: 'keep',
    })
    expect(errorOf(() => fromFlags('--accessLog.fields.names.ClientHost=hide')).path).toBe(
      'accessLog.fields.names.ClientHost',
    )
    expect(fromFlags('--accessLog.fields.names.ClientHost=drop')).toEqual({
      accessLog: { fields: { names: { ClientHost: 'drop' } } },
    })
    expect(fromEnv({ BAQUP_ACCESSLOG_FIELDS_HEADERS_NAMES_REFERER: 'redact' })).toEqual({
      accessLog: { fields: { headers: { names: { referer: 'redact' } } } },
    })
  })

  it('shows only the type of a wrong value in a masked map, still listing the allowed ones', () => {
    const error = errorOf(() =>
      yaml('accessLog:\n  fields:\n    headers:\n      names:\n        Authorization: s3cret'),
    )
    expect(error).toMatchObject({
      path: 'accessLog.fields.headers.names.Authorization',
      expected: 'one of keep, drop, redact',
      found: 'a string',
    })
    expect(error.message).not.toContain('s3cret')
  })

  it('sends the values of an exported map of a closed set as written', () => {
    const config = yaml(
      'accessLog:\n  fields:\n    names:\n      ClientHost: drop\n    headers:\n      names:\n        Referer: redact',
    )
    expect(anonymize(schema, config)).toMatchObject({ accessLog: { fields: { names: { ClientHost: 'drop' } } } })
    expect(anonymize(schema, config)).not.toHaveProperty('accessLog.fields.headers.names')
  })

  it('takes a lego DNS provider name as lego reads it: exact case', () => {
    const provider = (name: string) =>
      `certificatesResolvers:\n  le:\n    acme:\n      dnsChallenge:\n        provider: ${name}`
    for (const name of ['cloudflare', 'manual', 'acme-dns'])
      expect(yaml(provider(name))).toMatchObject({
        certificatesResolvers: { le: { acme: { dnsChallenge: { provider: name } } } },
      })
    const error = errorOf(() => yaml(provider('CLOUDFLARE')))
    expect(error).toMatchObject({
      line: 5,
      column: 19,
      path: 'certificatesResolvers.le.acme.dnsChallenge.provider',
      suggestion: 'cloudflare',
    })
    // 200 names: the first ten and the count, not the whole set on one line.
    expect(error.expected).toMatch(
      /^one of acme-dns, acmedns, [^…]*, … \(\d{3} values, all listed by the flags command\)$/,
    )
    expect(anonymize(schema, yaml(provider('route53')))).toMatchObject({
      certificatesResolvers: { le: { acme: { dnsChallenge: { provider: 'route53' } } } },
    })
  })
})
