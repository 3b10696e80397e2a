import { describe, expect, it } from 'vitest'
import { extractConfigFile, flagNames } from '../../src/config/flags.js'
import { errorOf, fromFlags } from './helpers.js'

describe('flags: configuration from --a.b.c=value arguments', () => {
  it.each([
    ['a string stays as typed (1.10)', ['--api.dashboardName=1.10'], { api: { dashboardName: '1.10' } }],
    ['a string keeps leading zeros (007)', ['--api.dashboardName=007'], { api: { dashboardName: '007' } }],
    ['an int option reads 007 as 7', ['--log.maxSize=007'], { log: { maxSize: 7 } }],
    ['the value may follow as the next argument', ['--log.level', 'DEBUG'], { log: { level: 'DEBUG' } }],
    ['a bare boolean means true', ['--api.insecure'], { api: { insecure: true } }],
    ['a boolean set to false', ['--api.insecure=false'], { api: { insecure: false } }],
    [
      'a bare boolean does not take the next argument',
      ['--api.insecure', '--log.level=INFO'],
      { api: { insecure: true }, log: { level: 'INFO' } },
    ],
    ['a bare section flag switches it on', ['--providers.docker'], { providers: { docker: {} } }],
    ['--api=false switches a section off', ['--api=false'], {}],
    ['a section switch beside its settings', ['--api', '--api.insecure'], { api: { insecure: true } }],
    ['a map entry', ['--entryPoints.web.address=:80'], { entryPoints: { web: { address: ':80' } } }],
    [
      'option names in any case, entry names kept',
      ['--ENTRYPOINTS.Web.Address=:80'],
      { entryPoints: { Web: { address: ':80' } } },
    ],
    [
      'a header name keeps its case',
      ['--accessLog.fields.headers.names.User-Agent=keep'],
      { accessLog: { fields: { headers: { names: { 'User-Agent': 'keep' } } } } },
    ],
    [
      'a free-form key may hold dots',
      ['--tracing.resourceAttributes.service.version=1.2'],
      { tracing: { resourceAttributes: { 'service.version': '1.2' } } },
    ],
    [
      'list items by index',
      [
        '--entryPoints.web.http.tls.domains[0].main=example.org',
        '--entryPoints.web.http.tls.domains[0].sans=a.example.org,b.example.org',
        '--entryPoints.web.http.tls.domains[1].main=example.net',
      ],
      {
        entryPoints: {
          web: {
            http: {
              tls: {
                domains: [{ main: 'example.org', sans: ['a.example.org', 'b.example.org'] }, { main: 'example.net' }],
              },
            },
          },
        },
      },
    ],
    [
      'a comma list',
      ['--entryPoints.web.forwardedHeaders.trustedIPs=10.0.0.1,10.0.0.2'],
      { entryPoints: { web: { forwardedHeaders: { trustedIPs: ['10.0.0.1', '10.0.0.2'] } } } },
    ],
    [
      'a number list',
      ['--metrics.prometheus.buckets=0.1,0.3,1.2'],
      { metrics: { prometheus: { buckets: [0.1, 0.3, 1.2] } } },
    ],
    [
      'a duration in seconds',
      ['--providers.providersThrottleDuration=90'],
      { providers: { providersThrottleDuration: '1m30s' } },
    ],
    [
      'plugin settings nest by dots',
      ['--providers.plugin.demo.nested.key=v'],
      { providers: { plugin: { demo: { nested: { key: 'v' } } } } },
    ],
    ['a value holding =', ['--api.dashboardName=a=b'], { api: { dashboardName: 'a=b' } }],
    ['an empty value', ['--api.dashboardName='], { api: { dashboardName: '' } }],
    ['the same flag twice with one value', ['--log.level=INFO', '--LOG.LEVEL=INFO'], { log: { level: 'INFO' } }],
  ])('%s', (_name, argv, expected) => {
    expect(fromFlags(...argv)).toEqual(expected)
  })
})

describe('flags: mistakes', () => {
  it.each([
    [
      '--no-x does not exist',
      ['--no-api.insecure'],
      '--no-api.insecure: negated flags do not exist — did you mean "--api.insecure=false"?',
    ],
    [
      'an unknown flag',
      ['--entryPoints.web.adress=:80'],
      '--entryPoints.web.adress: unknown option — did you mean "address"?',
    ],
    [
      'an unknown flag written in another case',
      ['--entrypoints.web.adress=:80'],
      '--entrypoints.web.adress: entryPoints.web.adress: unknown option — did you mean "address"?',
    ],
    [
      '__proto__',
      ['--__proto__.polluted=1'],
      '--__proto__.polluted: __proto__: the key "__proto__" is refused: it could reach an object prototype',
    ],
    [
      'an entry named constructor',
      ['--entryPoints.constructor.address=:80'],
      '--entryPoints.constructor.address: entryPoints.constructor: the key "constructor" is refused: it could reach an object prototype',
    ],
    [
      'a removed option',
      ['--pilot.token=x'],
      '--pilot.token: pilot: removed in v3: Pilot was discontinued; delete this section',
    ],
    ['a missing value', ['--log.level'], '--log.level: needs a value (expected --log.level=VALUE)'],
    [
      'a missing value before another flag',
      ['--log.level', '--api'],
      '--log.level: needs a value (expected --log.level=VALUE)',
    ],
    ['a stray argument', ['log.level=INFO'], 'argument 1: not a configuration flag (flags are written --name=value)'],
    [
      'a value after a bare boolean',
      ['--api.insecure', 'false'],
      'argument 2: not a configuration flag (flags are written --name=value)',
    ],
    [
      'a gap in list indices',
      ['--entryPoints.web.http.tls.domains[1].main=example.org'],
      '--entryPoints.web.http.tls.domains[1].main: list index 1 is set but index 0 is not: indices start at 0 and have no gaps',
    ],
    [
      'an index on a non-list',
      ['--log.level[0]=x'],
      '--log.level[0]: log.level: not a list of mappings: [index] does not apply',
    ],
    [
      'one flag, two values',
      ['--log.level=INFO', '--log.level=DEBUG'],
      '--log.level: set twice with different values (also at --log.level); keep one',
    ],
    [
      'not a boolean',
      ['--api.insecure=maybe'],
      '--api.insecure: not a boolean (expected true or false, found "maybe")',
    ],
    [
      'a masked value is not shown',
      ['--entryPoints.web.reusePort=hunter2'],
      '--entryPoints.web.reusePort: not a boolean (expected true or false, found a string)',
    ],
    [
      'a group given a value',
      ['--entryPoints.web=:80'],
      '--entryPoints.web: not a mapping (expected a mapping of options, found a string)',
    ],
  ])('%s', (_name, argv, message) => {
    expect(errorOf(() => fromFlags(...argv)).message).toBe(message)
  })
})

describe('flags: a list item takes options, not a value', () => {
  const item = '--entryPoints.web.http.tls.domains[0]'
  it.each([
    ['the value first', [`${item}=hunter2-secret`, `${item}.main=example.com`]],
    ['the options first', [`${item}.main=example.com`, `${item}=hunter2-secret`]],
  ])('refuses a value given to an item that also has options: %s', (_name, argv) => {
    const error = errorOf(() => fromFlags(...argv))
    expect(error.message).toBe(`${item}: a list item takes options, not a value of its own`)
    expect(error.message).not.toContain('hunter2')
  })

  it('refuses a value alone, showing only its type', () => {
    expect(errorOf(() => fromFlags(`${item}=hunter2-secret`)).message).toBe(
      `${item}: not a mapping (expected a mapping of options, found a string)`,
    )
  })
})

describe('extractConfigFile', () => {
  it.each([
    [['--configFile=/a.yaml', '--log.level=INFO'], '/a.yaml', ['--log.level=INFO']],
    [['--configfile', '/a.yaml'], '/a.yaml', []],
    [['--CONFIGFILE=x=y.toml'], 'x=y.toml', []],
    [['--log.level=INFO'], undefined, ['--log.level=INFO']],
  ])('%j', (argv, configFile, rest) => {
    expect(extractConfigFile(argv)).toEqual(
      configFile === undefined ? { configArgs: rest } : { configFile, configArgs: rest },
    )
  })

  it('refuses --configFile without a path', () => {
    expect(errorOf(() => extractConfigFile(['--configFile', '--log.level=INFO'])).message).toBe(
      '--configFile: needs a file path (expected --configFile=PATH)',
    )
  })

  it('names flags without their values', () => {
    expect(flagNames(['--log.level=s3cret', '--api', 'value', '--api'])).toEqual(['--log.level', '--api'])
  })
})
