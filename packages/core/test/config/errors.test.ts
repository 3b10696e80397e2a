import { describe, expect, it } from 'vitest'
import { ConfigError, describeFound } from '../../src/config/errors.js'
import { errorOf, toml, yaml } from './helpers.js'

describe('ConfigError', () => {
  it('formats source, line:column, path, problem, facts and suggestion, and keeps each as a field', () => {
    const error = new ConfigError({
      origin: { source: 'a.yaml', line: 3, column: 7 },
      path: 'entryPoints.web.adress',
      problem: 'unknown option',
      expected: 'x',
      found: '"y"',
      suggestion: 'address',
    })
    expect(error.message).toBe(
      'a.yaml:3:7: entryPoints.web.adress: unknown option (expected x, found "y") — did you mean "address"?',
    )
    expect(error).toMatchObject({
      source: 'a.yaml',
      line: 3,
      column: 7,
      path: 'entryPoints.web.adress',
      problem: 'unknown option',
    })
  })

  it('omits what is absent, and does not repeat a flag name as its path', () => {
    expect(new ConfigError({ origin: { source: 'BAQUP_X' }, problem: 'bad' }).message).toBe('BAQUP_X: bad')
    expect(new ConfigError({ origin: { source: '--log.level' }, path: 'log.level', problem: 'bad' }).message).toBe(
      '--log.level: bad',
    )
  })

  it('shows found values truncated for exported options and only their type for masked ones', () => {
    expect(describeFound('word '.repeat(20), true)).toBe(`"${'word '.repeat(8).trimEnd()}…"`)
    expect(describeFound('s3cr3t', false)).toBe('a string')
    expect(describeFound(42, false, '042')).toBe('a number')
    expect(describeFound(42, true, '042')).toBe('"042"')
  })
})

describe('file errors carry their exact location and path', () => {
  it.each([
    [
      'an unknown key, with a did-you-mean',
      'entryPoints:\n  web:\n    adress: ":80"',
      't.yaml:3:5: entryPoints.web.adress: unknown option — did you mean "address"?',
    ],
    ['an unknown key without a close name', 'log:\n  colour: red', 't.yaml:2:3: log.colour: unknown option'],
    [
      'a number that is not an integer',
      'log:\n  maxSize: 1.5',
      't.yaml:2:12: log.maxSize: not an integer (expected an integer, found "1.5")',
    ],
    [
      'an integer beyond exact integers',
      'log:\n  maxSize: 9223372036854775806',
      't.yaml:2:12: log.maxSize: beyond the exact integer range of ±(2^53 − 1) (expected an integer, found "9223372036854775806")',
    ],
    [
      'not a boolean',
      'api:\n  insecure: yes',
      't.yaml:2:13: api.insecure: not a boolean (expected true or false, found "yes")',
    ],
    [
      'not a duration',
      'providers:\n  providersThrottleDuration: soon',
      't.yaml:2:30: providers.providersThrottleDuration: invalid value (expected a duration such as 30s, 1m30s, 100ms or a number of seconds, found "soon")',
    ],
    [
      'a section given a name of Object.prototype',
      'api: constructor',
      't.yaml:1:6: api: not a mapping (expected a mapping, true or false, found a string)',
    ],
    [
      'a section that is not a mapping',
      'api: maybe',
      't.yaml:1:6: api: not a mapping (expected a mapping, true or false, found a string)',
    ],
    [
      'a list where a section is expected',
      'log: [a]',
      't.yaml:1:6: log: not a mapping (expected a mapping, true or false, found a list)',
    ],
    [
      'a mapping in a list of strings',
      'entryPoints:\n  web:\n    http:\n      middlewares:\n        - a: b',
      't.yaml:5:11: entryPoints.web.http.middlewares[0]: not a list item (expected a string, found a mapping)',
    ],
    [
      'an entry without a name',
      'entryPoints:\n  "":\n    address: ":80"',
      't.yaml:2:3: entryPoints: an entry without a name',
    ],
    [
      'a removed option',
      'pilot:\n  token: abc',
      't.yaml:1:1: pilot: removed in v3: Pilot was discontinued; delete this section',
    ],
    [
      'a removed tracing backend',
      'tracing:\n  jaeger: {}',
      't.yaml:2:3: tracing.jaeger: removed in v3: tracing speaks OpenTelemetry only; send traces with tracing.otlp (most vendors accept OTLP)',
    ],
    [
      'a removed provider option',
      'providers:\n  docker:\n    swarmMode: true',
      't.yaml:3:5: providers.docker.swarmMode: removed in v3: Swarm has its own provider; use providers.swarm',
    ],
    [
      'a v1 key inside an entry point',
      'entryPoints:\n  web:\n    address: ":80"\n    redirect:\n      entryPoint: https',
      't.yaml:4:5: entryPoints.web.redirect: a v1 option, not read since v2: redirect with entryPoints.<name>.http.redirections',
    ],
    [
      'a YAML syntax error, at the end of input where the quote is missing',
      'log:\n  level: "INFO\napi: {}',
      't.yaml:3:8: YAML syntax error: a character is missing here (a closing quote or bracket, a ":", a "," or a space)',
    ],
    ['two YAML documents', 'log: {}\n---\napi: {}', 't.yaml:2:1: 2 YAML documents: a configuration file holds one'],
    ['a top level that is not a mapping', '- a\n- b', 't.yaml:1:1: the top level is not a mapping of options'],
    ['an alias without anchor', 'log: *nothing', 't.yaml:1:6: an alias (*name) with no anchor (&name) before it'],
  ])('%s', (_name, text, message) => {
    expect(errorOf(() => yaml(text)).message).toBe(message)
  })

  it('refuses the Baqup documentation example mis-indented, naming entryPoints.address', () => {
    const error = errorOf(() => yaml('entryPoints:\n  web:\n  address: ":80"'))
    expect(error.path).toBe('entryPoints.address')
    expect(error.message).toBe(
      't.yaml:3:3: entryPoints.address: not an entry: "address" is an option of each entry (entryPoints.<name>.address), is it indented one level too little? (expected a mapping of options, found ":80")',
    )
  })

  it('never shows the value of a masked option, only its type', () => {
    const error = errorOf(() => yaml('entryPoints:\n  web:\n    reusePort: hunter2-secret'))
    expect(error.message).toBe(
      't.yaml:3:16: entryPoints.web.reusePort: not a boolean (expected true or false, found a string)',
    )
    const duration = errorOf(() => yaml('entryPoints:\n  web:\n    udp:\n      timeout: hunter2-secret'))
    expect(duration.message).not.toContain('hunter2')
    expect(duration.found).toBe('a string')
  })

  it('never echoes the source text around a syntax error', () => {
    const error = errorOf(() => yaml('providers:\n  docker:\n    password: "hunter2-secret\n'))
    expect(error.message).not.toContain('hunter2')
    expect(error.line).toBeDefined()
  })
})

describe('TOML errors: parser positions, and best-effort key positions for schema errors', () => {
  it.each([
    [
      'a key-line error',
      '[log]\nlevel = "INFO"\nmaxSize = "big"',
      't.toml:3:1: log.maxSize: not an integer (expected an integer, found "big")',
    ],
    [
      'an unknown key under a table header',
      '[entryPoints.web]\nadress = ":80"',
      't.toml:2:1: entryPoints.web.adress: unknown option — did you mean "address"?',
    ],
    ['a dotted key', '[api]\nfoo.bar = 1', 't.toml:2:1: api.foo: unknown option'],
    [
      'an array of tables item',
      '[[entryPoints.web.http.tls.domains]]\nmain = "a"\n[[entryPoints.web.http.tls.domains]]\nsans = 5\nmain = [1]',
      't.toml:5:1: entryPoints.web.http.tls.domains[1].main: not a single value (expected a string, found a list)',
    ],
    [
      'a syntax error, with the source text left out',
      'a = "hunter2-secret\nb = 2',
      't.toml:1:20: TOML syntax error: a string is not closed before the end of the line',
    ],
    [
      'a table declared twice (corpus 032)',
      '[providers]\n  [providers.docker]\n\n[api]\n\n  [providers]\n  [providers.file]',
      't.toml:6:3: TOML syntax error: a table is declared twice (TOML forbids it): merge the two into one',
    ],
    [
      'a key set twice',
      'a = 1\na = 2',
      't.toml:2:1: TOML syntax error: a key is set twice (TOML forbids it): keep one',
    ],
  ])('%s', (_name, text, message) => {
    expect(errorOf(() => toml(text)).message).toBe(message)
  })

  it('locates values inside an inline table at their enclosing key, and skips multi-line strings', () => {
    const text =
      'http = """\n[log]\notlp = 1\n"""\n[log]\n  level = "INFO"\n  otlp = { serviceName = 1, grpc = { insecure = "maybe" } }'
    const error = errorOf(() => toml(text))
    expect(error.message).toBe(
      't.toml:7:3: log.otlp.grpc.insecure: not a boolean (expected true or false, found "maybe")',
    )
  })
})
