import { describe, expect, it } from 'vitest'
import { errorOf, toml, yaml } from './helpers.js'

describe('normalize: values coerced by the option kind, never guessed', () => {
  it.each([
    [
      'a string keeps the text of an unquoted number',
      'api:\n  dashboardName: 1.10',
      { api: { dashboardName: '1.10' } },
    ],
    ['a string keeps leading zeros', 'api:\n  dashboardName: 007', { api: { dashboardName: '007' } }],
    ['a string keeps yes as written', 'api:\n  dashboardName: yes', { api: { dashboardName: 'yes' } }],
    ['a string keeps true as written', 'api:\n  dashboardName: True', { api: { dashboardName: 'True' } }],
    ['a quoted string is the string', 'api:\n  dashboardName: "1.10"', { api: { dashboardName: '1.10' } }],
    ['a bool from a quoted string', 'api:\n  insecure: "true"', { api: { insecure: true } }],
    ['a bool from 1 (Go ParseBool)', 'api:\n  insecure: 1', { api: { insecure: true } }],
    ['a bool from F (Go ParseBool)', 'api:\n  insecure: F', { api: { insecure: false } }],
    ['a bool from YAML True', 'api:\n  insecure: True', { api: { insecure: true } }],
    ['an int from a numeric string', 'log:\n  maxSize: "42"', { log: { maxSize: 42 } }],
    ['an int from 007', 'log:\n  maxSize: 007', { log: { maxSize: 7 } }],
    ['a float from a numeric string', 'tracing:\n  sampleRate: "0.5"', { tracing: { sampleRate: 0.5 } }],
    [
      'a duration from a quoted number of seconds',
      'providers:\n  providersThrottleDuration: "90"',
      { providers: { providersThrottleDuration: '1m30s' } },
    ],
    [
      'a duration from a bare number of seconds',
      'providers:\n  providersThrottleDuration: 90',
      { providers: { providersThrottleDuration: '1m30s' } },
    ],
    [
      'a duration from fractional seconds',
      'providers:\n  providersThrottleDuration: 1.5',
      { providers: { providersThrottleDuration: '1.5s' } },
    ],
    [
      'a duration in Go form, made canonical',
      'providers:\n  providersThrottleDuration: 90s',
      { providers: { providersThrottleDuration: '1m30s' } },
    ],
    [
      'a list from one comma-separated scalar',
      'entryPoints:\n  web:\n    forwardedHeaders:\n      trustedIPs: 10.0.0.1, 10.0.0.2',
      { entryPoints: { web: { forwardedHeaders: { trustedIPs: ['10.0.0.1', '10.0.0.2'] } } } },
    ],
    [
      'a list keeps an item with a comma when written as a list',
      'entryPoints:\n  web:\n    http:\n      middlewares: ["a,b"]',
      { entryPoints: { web: { http: { middlewares: ['a,b'] } } } },
    ],
    [
      'number lists from a comma-separated string',
      'metrics:\n  prometheus:\n    buckets: "0.1,0.3,1.2"',
      { metrics: { prometheus: { buckets: [0.1, 0.3, 1.2] } } },
    ],
    ['a null option sets nothing', 'log:\n  level:', { log: {} }],
  ])('%s', (_name, text, expected) => {
    expect(yaml(text)).toEqual(expected)
  })
})

describe('normalize: sections and groups', () => {
  it.each([
    ['null switches a section on', 'api:', { api: {} }],
    ['{} switches a section on', 'api: {}', { api: {} }],
    ['true switches a section on', 'api: true', { api: {} }],
    ['false switches a section off', 'api: false', {}],
    ['a provider switched off', 'providers:\n  docker: false', { providers: {} }],
    ['an empty entry is an entry', 'entryPoints:\n  web:', { entryPoints: { web: {} } }],
  ])('%s', (_name, text, expected) => {
    expect(yaml(text)).toEqual(expected)
  })
})

describe('normalize: key names', () => {
  it('matches option names in any case, and entry names keep their case', () => {
    const text = 'EntryPoints:\n  WebSecure:\n    ADDRESS: ":443"\nLOG:\n  Level: INFO'
    expect(yaml(text)).toEqual({ entryPoints: { WebSecure: { address: ':443' } }, log: { level: 'INFO' } })
  })

  it('keeps the case of free-form map keys (header names)', () => {
    const text = 'accessLog:\n  fields:\n    headers:\n      names:\n        User-Agent: keep'
    expect(yaml(text)).toEqual({ accessLog: { fields: { headers: { names: { 'User-Agent': 'keep' } } } } })
  })

  it('ignores dynamic configuration and $schema at the root only', () => {
    const text = '$schema: https://example.org/s.json\nhttp:\n  routers: {}\nTLS:\n  options: {}\nlog:\n  level: INFO'
    expect(yaml(text)).toEqual({ log: { level: 'INFO' } })
    expect(errorOf(() => yaml('log:\n  http: {}')).message).toBe('t.yaml:2:3: log.http: unknown option')
  })

  it('keeps plugin settings as given', () => {
    const text = 'providers:\n  plugin:\n    demo:\n      retries: 3\n      nested:\n        list: [1, "x", true]'
    expect(yaml(text)).toEqual({ providers: { plugin: { demo: { retries: 3, nested: { list: [1, 'x', true] } } } } })
  })
})

describe('normalize: one key written twice', () => {
  it('merges two spellings of one key when they do not conflict', () => {
    const text = [
      'certificatesResolvers:',
      '  le:',
      '    acme:',
      '      dnschallenge:',
      '        provider: ovh',
      '      dnsChallenge:',
      '        resolvers: ["1.1.1.1:53"]',
    ].join('\n')
    expect(yaml(text)).toEqual({
      certificatesResolvers: { le: { acme: { dnsChallenge: { provider: 'ovh', resolvers: ['1.1.1.1:53'] } } } },
    })
  })

  it('accepts a repeated key with the same value', () => {
    expect(yaml('log:\n  level: INFO\nlog:\n  level: INFO')).toEqual({ log: { level: 'INFO' } })
  })

  it('refuses a repeated key with another value, naming both places', () => {
    expect(errorOf(() => yaml('log:\n  level: INFO\n  LEVEL: DEBUG')).message).toBe(
      't.yaml:3:3: log.level: set twice with different values (also at t.yaml:2:3); keep one',
    )
  })

  it('refuses a section switched off beside its settings', () => {
    expect(errorOf(() => yaml('api: false\nAPI:\n  insecure: true')).message).toBe(
      't.yaml:1:1: api: set twice with different values (also at t.yaml:2:1); keep one',
    )
  })

  it('merges TOML tables written in two cases (corpus 031)', () => {
    const text =
      '[certificatesresolvers.le.acme]\nemail = "a@b.c"\n[certificatesResolvers.le.acme]\nstorage = "acme.json"'
    expect(toml(text)).toEqual({ certificatesResolvers: { le: { acme: { email: 'a@b.c', storage: 'acme.json' } } } })
  })
})

describe('normalize: YAML anchors, aliases and merge keys', () => {
  it('expands aliases and lets explicit keys win over merged ones', () => {
    const text = [
      'entryPoints:',
      '  web: &web',
      '    address: ":80"',
      '    forwardedHeaders:',
      '      trustedIPs: &ips [10.0.0.0/8]',
      '  web2:',
      '    <<: *web',
      '    address: ":81"',
      '    proxyProtocol:',
      '      trustedIPs: *ips',
    ].join('\n')
    const web = { address: ':80', forwardedHeaders: { trustedIPs: ['10.0.0.0/8'] } }
    expect(yaml(text)).toEqual({
      entryPoints: {
        web,
        web2: {
          address: ':81',
          forwardedHeaders: { trustedIPs: ['10.0.0.0/8'] },
          proxyProtocol: { trustedIPs: ['10.0.0.0/8'] },
        },
      },
    })
  })

  it('reads a document closed by --- or ... as one document', () => {
    expect(yaml('---\nlog: {level: INFO}\n...\n')).toEqual({ log: { level: 'INFO' } })
    expect(yaml('log: {level: INFO}\n---\n')).toEqual({ log: { level: 'INFO' } })
  })
})
