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
    ['a string', { name: 'web' }],
    ['an enumerated string', { level: 'DEBUG' }],
    ['an integer', { count: 42 }],
    ['a float', { ratio: 0.25 }],
    ['a boolean, false included', { on: false }],
    ['a string list', { tags: ['a', 'b'] }],
    ['an empty string list', { tags: [] }],
    ['a float list', { buckets: [0.1, 0.3, 1.2, 5] }],
    ['a string map, names and values', { labels: { team: 'edge', tier: 'gold' } }],
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

  it('walks into named entries and lists, keeping entry names', () => {
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

describe('anonymize: the scrub pass', () => {
  it('scrubs exported free text that is not plain words, and nothing else', () => {
    const out = anonymize(genericSchema, {
      name: '10.0.0.1:8080',
      tags: ['web', 'ops@example.com', 'auth@file', 'ISRG Root X1'],
      labels: { site: 'paris.example.com', team: 'edge' },
      points: { web: { address: '192.168.1.1:80' }, websecure: { address: ':443' } },
    })
    expect(out).toEqual({
      name: SCRUBBED,
      tags: ['web', SCRUBBED, SCRUBBED, 'ISRG Root X1'],
      labels: { site: SCRUBBED, team: 'edge' },
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
})

describe('anonymize: entry names', () => {
  it('replaces names that are not plain names with numbered placeholders, without merging two of them', () => {
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
    ['a container id', '3f2c9a1b7e4d'],
    ['a long number', 'site4711042'],
    ['a token', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['a long name', 'a-name-longer-than-thirty-two-characters'],
    ['a name in another script', 'сервис'],
    ['full-width letters', 'ｗｅｂ'],
    ['a percent-encoded host', 's3cr3t%2Eexample%2Ecom'],
  ])('replaces %s', (_, name) => {
    const out = anonymize(staticConfigSchema, { entryPoints: { [name]: { address: ':80' } } })
    expect(out).toEqual({ entryPoints: { 'entry-1': { address: ':80' } } })
  })

  it.each(['web', 'websecure', 'web-secure', 'web_secure', 'traefik', 'CertificateResolver0', 'entry-1', 'http3'])(
    'keeps %j',
    (name) => {
      const out = anonymize(staticConfigSchema, { entryPoints: { [name]: { address: ':80' } } })
      expect(out).toEqual({ entryPoints: { [name]: { address: ':80' } } })
    },
  )
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
    expect(anonymize(genericSchema, { name: 'a', nope: 'secret', feature: { other: 1 } })).toEqual({
      name: 'a',
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
      labels: { a: 1, b: 'ok' },
      points: { web: 'oops' },
    } as Record<string, unknown>)
    expect(out).toEqual({ labels: { b: 'ok' }, points: {} })
  })

  it('cannot be made to set a prototype', () => {
    const config = JSON.parse('{"points":{"__proto__":{"address":":80"}},"__proto__":{"name":"x"}}')
    const out = anonymize(genericSchema, config)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(out.points)).toBe(Object.prototype)
    expect(Object.keys(out.points as object)).toEqual(['__proto__'])
    expect(JSON.stringify(out)).toBe('{"points":{"__proto__":{"address":":80"}}}')
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
