import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/errors.js'
import { ConfigErrors, MAX_LISTED_ERRORS } from '../../src/config/gathered.js'
import { errorOf, load, tempDir, writeIn, yaml } from './helpers.js'

/** Every mistake of one run, as `source:line:column` (or the flag) and path. */
function listed(error: ConfigError): string[] {
  expect(error).toBeInstanceOf(ConfigErrors)
  return (error as ConfigErrors).errors.map((each) => `${each.source}:${each.line}:${each.column} ${each.path}`)
}

const THREE_TYPOS = `entryPoints:
  web:
    adress: ":80"
log:
  levl: DEBUG
api:
  dashbord: true
`

const FOUR_TYPE_ERRORS = `global:
  checkNewVersion: maybe
serversTransport:
  maxIdleConnsPerHost: many
entryPoints:
  web:
    address: ":80"
    transport:
      respondingTimeouts:
        readTimeout: soon
log:
  maxSize: [1, 2]
`

/** Removed options (`tracing.jaeger`, `pilot`) and unknown ones, interleaved in line order. */
const V2_FILE = `entryPoints:
  web:
    address: ":80"
tracing:
  jaeger:
    samplingServerURL: http://localhost:5778/sampling
api:
  dashbord: true
  insecure: true
pilot:
  token: abc
log:
  levl: DEBUG
`

describe('loadConfig: every mistake of a source in one run', () => {
  it('reports 3 typos at once, each located, in line order', () => {
    const error = errorOf(() => yaml(THREE_TYPOS))
    expect(listed(error)).toEqual([
      't.yaml:3:5 entryPoints.web.adress',
      't.yaml:5:3 log.levl',
      't.yaml:7:3 api.dashbord',
    ])
    expect((error as ConfigErrors).errors.map((each) => each.suggestion)).toEqual(['address', 'level', 'dashboard'])
  })

  it('reports 4 type errors at once', () => {
    const error = errorOf(() => yaml(FOUR_TYPE_ERRORS))
    expect(listed(error)).toEqual([
      't.yaml:2:20 global.checkNewVersion',
      't.yaml:4:24 serversTransport.maxIdleConnsPerHost',
      't.yaml:10:22 entryPoints.web.transport.respondingTimeouts.readTimeout',
      't.yaml:12:12 log.maxSize',
    ])
    expect((error as ConfigErrors).errors.every((each) => each.code === 'invalid-value')).toBe(true)
  })

  it('says removed and unknown options in line order: tracing.jaeger (line 5) before pilot (line 10)', () => {
    const error = errorOf(() => yaml(V2_FILE))
    expect(listed(error)).toEqual([
      't.yaml:5:3 tracing.jaeger',
      't.yaml:8:3 api.dashbord',
      't.yaml:10:1 pilot',
      't.yaml:13:3 log.levl',
    ])
    expect(error.message.split('\n')).toEqual([
      '4 configuration errors:',
      expect.stringMatching(/^ {2}t\.yaml:5:3: tracing\.jaeger: removed in v3/),
      '  t.yaml:8:3: api.dashbord: unknown option — did you mean "dashboard"?',
      expect.stringMatching(/^ {2}t\.yaml:10:1: pilot: removed in v3: Pilot was discontinued/),
      '  t.yaml:13:3: log.levl: unknown option — did you mean "level"?',
    ])
  })

  it('is still a ConfigError, with the first mistake in its own fields', () => {
    const error = errorOf(() => yaml(THREE_TYPOS))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.name).toBe('ConfigError')
    expect([error.line, error.column, error.path, error.code]).toEqual([
      3,
      5,
      'entryPoints.web.adress',
      'unknown-option',
    ])
  })

  it(`lists at most ${MAX_LISTED_ERRORS} and counts the rest`, () => {
    const text = `log:\n${Array.from({ length: 25 }, (_, index) => `  typo${index}: 1`).join('\n')}\n`
    const error = errorOf(() => yaml(text)) as ConfigErrors
    expect(error.errors).toHaveLength(20)
    expect(error.more).toBe(5)
    expect(error.errors.map((each) => each.line)).toEqual(Array.from({ length: 20 }, (_, index) => index + 2))
    expect(error.message.split('\n').at(0)).toBe('25 configuration errors:')
    expect(error.message.split('\n').at(-1)).toBe('  … and 5 more')
  })

  it('keeps one mistake as it is, without a list', () => {
    const error = errorOf(() => yaml('log:\n  levl: DEBUG\n'))
    expect(error).not.toBeInstanceOf(ConfigErrors)
    expect(error.message).toBe('t.yaml:2:3: log.levl: unknown option — did you mean "level"?')
  })

  it('stops at a syntax error: nothing after it can be trusted', () => {
    const error = errorOf(() => yaml('log:\n  levl: DEBUG\napi: [unclosed\n  dashbord: true\n'))
    expect(error).not.toBeInstanceOf(ConfigErrors)
    expect(error.code).toBe('parse-error')
  })

  it('reports every bad flag, in argument order', () => {
    const argv = [
      '--log.maxSize=big',
      '--entryPoints.web.adress=:80',
      'stray',
      '--api.insecure=maybe',
      '--log.levl=DEBUG',
      '--no-api.dashboard',
    ]
    const error = errorOf(() => load({ argv }))
    expect((error as ConfigErrors).errors.map((each) => each.source)).toEqual([
      '--log.maxSize',
      '--entryPoints.web.adress',
      'argument 3',
      '--api.insecure',
      '--log.levl',
      '--no-api.dashboard',
    ])
  })

  it('reports every bad environment variable, in name order', () => {
    const env = {
      BAQUP_LOG_MAXSIZE: 'big',
      BAQUP_API_INSECURE: 'maybe',
      BAQUP_LOG_LEVL: 'DEBUG',
      BAQUP_PILOT_TOKEN: 'x',
    }
    const error = errorOf(() => load({ env, envPrefix: 'BAQUP_' }))
    expect((error as ConfigErrors).errors.map((each) => each.source)).toEqual([
      'BAQUP_API_INSECURE',
      'BAQUP_LOG_LEVL',
      'BAQUP_LOG_MAXSIZE',
      'BAQUP_PILOT_TOKEN',
    ])
  })

  it('reports every mistake of a file found by the search too', () => {
    const cwd = tempDir()
    writeIn(cwd, 'baqup.yaml', THREE_TYPOS)
    const error = errorOf(() => load({ fileName: 'baqup', cwd, systemDir: tempDir(), home: tempDir() }))
    expect((error as ConfigErrors).errors).toHaveLength(3)
  })
})
