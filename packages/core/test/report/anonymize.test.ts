import { readFileSync } from 'node:fs'
import { exported, staticConfigSchema } from '@baqup/schemas'
import TOML from '@iarna/toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import * as z from 'zod'
import { anonymize, MASKED } from '../../src/report/anonymize.js'
import { SCRUBBED } from '../../src/report/scrub.js'
import { genericSchema } from '../fixtures/anonymize/generic-schema.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/anonymize/${name}`, import.meta.url), 'utf8')
const asPlainJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>

describe('anonymize: the documentation example', () => {
  // The Baqup documentation's example, as published: the exact bytes the usage report sends.
  const documented =
    '{"entryPoints":{"web":{"address":":80"}},"api":{},"providers":{"docker":{"endpoint":"xxxx","exposedByDefault":true,"tls":{"ca":"xxxx","cert":"xxxx","key":"xxxx","insecureSkipVerify":true}}}}'

  it('comes out exactly as documented from YAML', () => {
    const config = parseYaml(fixture('documentation-example.yaml'))
    expect(JSON.stringify(anonymize(staticConfigSchema, config))).toBe(documented)
  })

  it('comes out exactly as documented from TOML', () => {
    const config = asPlainJson(TOML.parse(fixture('documentation-example.toml')))
    expect(JSON.stringify(anonymize(staticConfigSchema, config))).toBe(documented)
  })
})

describe('anonymize: exported options are kept', () => {
  it.each([
    ['an enumerated string', { level: 'DEBUG' }],
    ['an integer', { count: 42 }],
    ['a float', { ratio: 0.25 }],
    ['a boolean, false included', { on: false }],
    ['an empty string list', { tags: [] }],
    ['a float list', { buckets: [0.1, 0.3, 1.2, 5] }],
    ['an enumerated string map, names from its dictionary', { fields: { ClientHost: 'keep', RequestPath: 'drop' } }],
    ['an empty string', { name: '' }],
    ['a section switched on empty', { feature: {} }],
  ])('%s', (_, config) => {
    expect(anonymize(genericSchema, config)).toEqual(config)
  })

  it('keeps a string literal as an enumerated value, even one the scrub pass would catch', () => {
    const schema = z.strictObject({ api: exported(z.literal(['v1.example', 'none']), 'An API version.') })
    expect(anonymize(schema, { api: 'v1.example' })).toEqual({ api: 'v1.example' })
  })

  it('writes durations in their canonical form', () => {
    expect(anonymize(genericSchema, { timeout: '111s' })).toEqual({ timeout: '1m51s' })
    expect(anonymize(genericSchema, { timeout: 90 })).toEqual({ timeout: '1m30s' })
    expect(anonymize(genericSchema, { timeout: '42ns' })).toEqual({ timeout: '42ns' })
  })

  it('switches a section on from null or true, like the loader', () => {
    expect(anonymize(genericSchema, { feature: null })).toEqual({ feature: {} })
    expect(anonymize(genericSchema, { feature: true })).toEqual({ feature: {} })
    expect(anonymize(genericSchema, { feature: false })).toEqual({})
  })

  it('walks into named entries and lists, keeping entry names of the dictionary', () => {
    const config = {
      points: {
        web: { address: ':80', password: 'hunter2', domains: [{ main: 'example.com', wildcard: true }] },
        websecure: { address: ':443' },
      },
    }
    expect(anonymize(genericSchema, config)).toEqual({
      points: {
        web: { address: ':80', password: MASKED, domains: [{ main: MASKED, wildcard: true }] },
        websecure: { address: ':443' },
      },
    })
  })

  it('keeps the configuration order and adds no defaults', () => {
    const out = anonymize(staticConfigSchema, { log: { level: 'DEBUG' }, api: {}, entryPoints: { web: {} } })
    expect(JSON.stringify(out)).toBe('{"log":{"level":"DEBUG"},"api":{},"entryPoints":{"web":{}}}')
  })
})

describe('anonymize: options that are not exported are reset', () => {
  it.each([
    ['a non-empty string → xxxx', { secret: 'hunter2' }, { secret: MASKED }],
    ['a file or content → xxxx', { pem: '-----BEGIN CERTIFICATE-----' }, { pem: MASKED }],
    ['an empty string → removed (Go zero value)', { secret: '' }, {}],
    ['a string list → as many xxxx', { ips: ['10.0.0.1', '10.0.0.2', ''] }, { ips: [MASKED, MASKED, MASKED] }],
    ['an empty string list → removed', { ips: [] }, {}],
    ['an integer → removed', { hiddenCount: 7 }, {}],
    ['a boolean → removed', { hiddenOn: true }, {}],
    ['a duration → removed', { hiddenTimeout: '5s' }, {}],
    ['a float list → removed', { hiddenBuckets: [1, 2] }, {}],
    ['a string map → removed, names included', { headers: { 'X-Api-Key': 'k' } }, {}],
    ['a section → removed', { hiddenFeature: { enabled: true } }, {}],
    ['a section switched on → removed', { hiddenFeature: null }, {}],
    ['named entries → removed, names included', { hiddenPoints: { office: { address: ':1' } } }, {}],
    ['a list of objects → removed', { hiddenList: [{ main: 'a' }] }, {}],
  ])('%s', (_, config, expected) => {
    expect(anonymize(genericSchema, config)).toEqual(expected)
  })

  it('never sends free-form content, even in an exported field', () => {
    expect(anonymize(genericSchema, { settings: { apiKey: 's3cret' } })).toEqual({})
  })

  it('masks a field of an exported section', () => {
    expect(anonymize(genericSchema, { feature: { enabled: true, token: 'abc' } })).toEqual({
      feature: { enabled: true, token: MASKED },
    })
  })

  it('sends nothing of the plugins section, not even the plugin names', () => {
    const out = anonymize(staticConfigSchema, { providers: { plugin: { myPlugin: { apiKey: 'k', url: 'u' } } } })
    expect(out).toEqual({ providers: {} })
  })
})

describe('anonymize: closed shapes', () => {
  it('treats an exported string without a closed shape as not exported', () => {
    const out = anonymize(genericSchema, {
      name: 'web',
      tags: ['web', 'ops@example.com'],
      labels: { team: 'edge' },
      points: { web: { address: '192.168.1.1:80' }, websecure: { address: ':443' } },
    })
    expect(out).toEqual({
      name: MASKED,
      tags: [MASKED, MASKED],
      labels: { 'name-1': MASKED },
      points: { web: { address: 'xxxx:80' }, websecure: { address: ':443' } },
    })
  })

  it('leaves values alone whose form the schema fixes', () => {
    // `1.5ms` looks like a host name (`ms` would be a top-level label), but it is a duration.
    expect(anonymize(genericSchema, { timeout: '1.5ms', level: 'INFO' })).toEqual({ timeout: '1.5ms', level: 'INFO' })
  })

  it('does not send a value outside an enumeration', () => {
    expect(anonymize(genericSchema, { level: 's3cr3t.example.com' })).toEqual({ level: SCRUBBED })
  })

  const redirection = (scheme: string) => ({
    entryPoints: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme } } } }, websecure: {} },
  })
  const sentScheme = (scheme: string) =>
    (anonymize(staticConfigSchema, redirection(scheme)) as ReturnType<typeof redirection>).entryPoints.web.http
      .redirections.entryPoint.scheme

  it.each([
    ['https', 'https'],
    ['HTTP', 'http'],
    ['v192.168.1.10-hunter2.secret', SCRUBBED],
    ['ftp', SCRUBBED],
  ])('sends the redirection scheme %j as %j: http or https, in that spelling', (scheme, expected) => {
    expect(sentScheme(scheme)).toBe(expected)
  })

  const plugin = (version: string) => ({ experimental: { plugins: { geoblock: { version } } } })
  it.each([
    ['v1.2.3', 'v1.2.3'],
    ['v10.20.30', 'v10.20.30'],
    ['v1.2.3-db.prod.example.com', SCRUBBED],
    ['v2.0.0-rc.1', SCRUBBED],
    ['v1.2.3+build7', SCRUBBED],
    ['v192.168.1.10', SCRUBBED],
    ['1.2.3', SCRUBBED],
    ['v\u0661.2.3', SCRUBBED],
  ])('sends the plugin version %j as %j: strictly vMAJOR.MINOR.PATCH', (version, expected) => {
    expect(anonymize(staticConfigSchema, plugin(version))).toEqual(plugin(expected))
  })

  const entryHttp = (http: Record<string, unknown>) => ({ entryPoints: { websecure: { http } } })
  it.each([
    [{ middlewares: ['Redirect-To-HTTPS@File', 'compress'] }, { middlewares: ['redirect-to-https@file', 'compress'] }],
    [
      { middlewares: ['db-prod-example-com-@file', 'auth@s3cr3t', 'AKIAIOSFODNN7EXAMPLE'] },
      { middlewares: [SCRUBBED, SCRUBBED, SCRUBBED] },
    ],
    [{ tls: { options: 'modern@file' } }, { tls: { options: 'modern@file' } }],
    [{ tls: { options: 'alice_at_example_com_' } }, { tls: { options: SCRUBBED } }],
  ])(
    'sends a middleware or TLS options name only from the dictionary, qualified by a known provider: %j',
    (http, expected) => {
      expect(anonymize(staticConfigSchema, entryHttp(http))).toEqual(entryHttp(expected))
    },
  )

  it('sends an ACME profile and preferred chain only from their listed sets', () => {
    const acme = (profile: string, preferredChain: string) => ({
      certificatesResolvers: { le: { acme: { profile, preferredChain } } },
    })
    expect(anonymize(staticConfigSchema, acme('ShortLived', 'isrg root x1'))).toEqual(
      acme('shortlived', 'ISRG Root X1'),
    )
    expect(anonymize(staticConfigSchema, acme('db-prod-example-com-', 'Example Corp CA'))).toEqual(
      acme(SCRUBBED, SCRUBBED),
    )
  })

  it.each([
    [
      'a look-alike dot (U+A4F8) in a reference',
      { ping: { entryPoint: 'web\ua4f8' } },
      { ping: { entryPoint: SCRUBBED } },
    ],
    ['full-width letters in an enumeration', { log: { level: 'ＤＥＢＵＧ' } }, { log: { level: SCRUBBED } }],
    [
      'the Kelvin sign in an enumeration',
      { log: { format: 'json' }, accessLog: { format: 'js\u212Aon' } },
      { log: { format: 'json' }, accessLog: { format: SCRUBBED } },
    ],
    [
      'Arabic-Indic digits in a status code',
      { accessLog: { filters: { statusCodes: ['404', '\u0664\u0660\u0664'] } } },
      { accessLog: { filters: { statusCodes: ['404', SCRUBBED] } } },
    ],
    [
      'a zero-width space in a version',
      { experimental: { plugins: { geoblock: { version: 'v1.2.3\u200b' } } } },
      { experimental: { plugins: { geoblock: { version: SCRUBBED } } } },
    ],
  ])('masks a string with %s, whatever its shape: only printable ASCII is sent', (_, config, expected) => {
    expect(anonymize(staticConfigSchema, config)).toEqual(expected)
  })
})

describe('anonymize: entry names', () => {
  it('replaces names not in the dictionary with numbered placeholders, without merging two of them', () => {
    const out = anonymize(genericSchema, {
      points: { 'a.example.com': { address: ':1' }, 'b.example.com': { address: ':2' }, web: { address: ':3' } },
    })
    expect(out).toEqual({
      points: { 'name-1': { address: ':1' }, 'name-2': { address: ':2' }, web: { address: ':3' } },
    })
  })

  it('skips the numbers a kept name already uses', () => {
    const out = anonymize(genericSchema, { points: { 's3cr3t.example.com': {}, 'name-1': {} } })
    expect(Object.keys(out.points as object)).toEqual(['name-2', 'name-1'])
  })

  it.each([
    ['an entry name given in the environment', 's3cr3t_example_com'],
    ['a host name written with dashes', 'shop-example-de'],
    ['a host name with a trailing separator', 'db-prod-example-com-'],
    ['an address with dashes', '10-0-0-1'],
    ['an e-mail address with underscores', 'alice_at_example_com_'],
    ['doubled separators', 'db--prod--example--com'],
    ['digits only', '4711'],
    ['a container id', '3f2c9a1b7e4d'],
    ['a long number', 'site4711042'],
    ['a 20-character token', 'AKIAIOSFODNN7EXAMPLE'],
    ['a token', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['a long name', 'a-name-longer-than-thirty-two-characters'],
    ['a name in another script', 'сервис'],
    ['full-width letters', 'ｗｅｂ'],
    ['a look-alike dot (U+A4F8)', 'web\ua4f8example\ua4f8com'],
    ['Arabic-Indic digits', 'web\u0661'],
    ['a percent-encoded host', 's3cr3t%2Eexample%2Ecom'],
    ['a plain word not in the dictionary', 'traefik'],
    ['a generated name', 'CertificateResolver0'],
    ['a placeholder of another map', 'resolver-1'],
    ['a placeholder not as written', 'entry-01'],
  ])('replaces %s', (_, name) => {
    const out = anonymize(staticConfigSchema, { entryPoints: { [name]: { address: ':80' } } })
    expect(out).toEqual({ entryPoints: { 'entry-1': { address: ':80' } } })
  })

  it.each(['web', 'websecure', 'web-secure', 'web_secure', 'baqup', 'metrics', 'http3', 'entry-1', 'entry-42'])(
    'keeps %j',
    (name) => {
      const out = anonymize(staticConfigSchema, { entryPoints: { [name]: { address: ':80' } } })
      expect(out).toEqual({ entryPoints: { [name]: { address: ':80' } } })
    },
  )

  it('compares names in any case and sends them in the dictionary spelling', () => {
    const out = anonymize(staticConfigSchema, { entryPoints: { WebSecure: {}, HTTP: {} } })
    expect(out).toEqual({ entryPoints: { websecure: {}, http: {} } })
  })

  it('gives a case variant of a name another entry is sent as a placeholder', () => {
    expect(anonymize(staticConfigSchema, { entryPoints: { WEB: {}, web: {} } })).toEqual({
      entryPoints: { 'entry-1': {}, web: {} },
    })
    expect(anonymize(staticConfigSchema, { entryPoints: { WEB: {}, Web: {} } })).toEqual({
      entryPoints: { web: {}, 'entry-1': {} },
    })
  })

  it('names resolvers, plugins and access log fields from their dictionaries', () => {
    const out = anonymize(staticConfigSchema, {
      certificatesResolvers: { LetsEncrypt: {}, 'acme-corp': {} },
      experimental: { plugins: { geoblock: {}, 'company-sso': {} }, localPlugins: { 'my-plugin': {} } },
      accessLog: { fields: { names: { clienthost: 'drop', 'X-Customer-Id': 'keep' } } },
    })
    expect(out).toEqual({
      certificatesResolvers: { letsencrypt: {}, 'resolver-1': {} },
      experimental: { plugins: { geoblock: {}, 'plugin-1': {} }, localPlugins: { 'plugin-1': {} } },
      accessLog: { fields: { names: { ClientHost: 'drop', 'field-1': 'keep' } } },
    })
  })
})

describe('anonymize: references', () => {
  const config = {
    entryPoints: {
      web: { address: ':80', http: { redirections: { entryPoint: { to: 's3cr3t.example.com' } } } },
      's3cr3t.example.com': {
        address: ':443',
        http: { middlewares: ['auth@file', 'a@b.c'], tls: { certResolver: 'le.example.com', options: 'modern@file' } },
      },
    },
    certificatesResolvers: { 'le.example.com': { acme: { httpChallenge: { entryPoint: 'web' } } } },
    ping: { entryPoint: 'nowhere' },
    metrics: { prometheus: { entryPoint: 'baqup' } },
  }

  it('follows a renamed entry with the same placeholder, and does not send a name defined nowhere', () => {
    expect(anonymize(staticConfigSchema, config)).toEqual({
      entryPoints: {
        web: { address: ':80', http: { redirections: { entryPoint: { to: 'entry-1' } } } },
        'entry-1': {
          address: ':443',
          http: { middlewares: ['auth@file', SCRUBBED], tls: { certResolver: 'resolver-1', options: 'modern@file' } },
        },
      },
      certificatesResolvers: { 'resolver-1': { acme: { httpChallenge: { entryPoint: 'web' } } } },
      ping: { entryPoint: SCRUBBED },
      metrics: { prometheus: { entryPoint: 'baqup' } },
    })
  })

  it('follows a name sent in the dictionary spelling, and a hostile name to its placeholder', () => {
    const out = anonymize(staticConfigSchema, {
      entryPoints: { WebSecure: {}, '10-0-0-1': {} },
      ping: { entryPoint: 'WebSecure' },
      metrics: { prometheus: { entryPoint: '10-0-0-1' } },
      providers: { knative: { publicEntrypoints: ['WebSecure', '10-0-0-1', 'websecure'] } },
    })
    expect(out).toEqual({
      entryPoints: { websecure: {}, 'entry-1': {} },
      ping: { entryPoint: 'websecure' },
      metrics: { prometheus: { entryPoint: 'entry-1' } },
      // References name an entry exactly as written: `websecure` names none here.
      providers: { knative: { publicEntrypoints: ['websecure', 'entry-1', SCRUBBED] } },
    })
  })

  it('keeps a redirection to a port', () => {
    const out = anonymize(genericSchema, { points: { a: { peer: ':8443' }, b: { peer: 'a' }, c: { peer: 'zz' } } })
    expect(out).toEqual({ points: { a: { peer: ':8443' }, b: { peer: 'a' }, c: { peer: SCRUBBED } } })
  })

  it('is a fixed point: the anonymized copy anonymizes to itself', () => {
    const once = anonymize(staticConfigSchema, config)
    expect(anonymize(staticConfigSchema, once)).toEqual(once)
  })
})

describe('anonymize: unexpected input', () => {
  it('drops what the schema does not know', () => {
    expect(anonymize(genericSchema, { level: 'INFO', nope: 'secret', feature: { other: 1 } })).toEqual({
      level: 'INFO',
      feature: {},
    })
  })

  it('drops values of the wrong type instead of guessing', () => {
    const out = anonymize(genericSchema, {
      name: 42,
      count: '42',
      count2: 1,
      on: 'true',
      ratio: Number.NaN,
      timeout: 'soon',
      tags: 'a,b',
      fields: { ClientHost: 1, RequestPath: 'keep' },
      points: { web: 'oops' },
    } as Record<string, unknown>)
    expect(out).toEqual({ fields: { RequestPath: 'keep' }, points: {} })
  })

  it('cannot be made to set a prototype', () => {
    const config = JSON.parse('{"points":{"__proto__":{"address":":80"}},"__proto__":{"name":"x"}}')
    const out = anonymize(genericSchema, config)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(out.points)).toBe(Object.prototype)
    expect(Object.keys(out.points as object)).toEqual(['name-1'])
    expect(JSON.stringify(out)).toBe('{"points":{"name-1":{"address":":80"}}}')
  })

  it('does not modify its input', () => {
    const config = { secret: 'hunter2', points: { web: { address: '10.0.0.1:80', password: 'p' } } }
    const before = structuredClone(config)
    anonymize(genericSchema, config)
    expect(config).toEqual(before)
  })

  it('returns an empty object for a configuration that is not an object', () => {
    expect(anonymize(genericSchema, null as never)).toEqual({})
    expect(anonymize(genericSchema, ['a'] as never)).toEqual({})
  })
})
