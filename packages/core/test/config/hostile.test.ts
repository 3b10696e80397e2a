import { describe, expect, it } from 'vitest'
import { errorOf, fromEnv, fromFlags, load, tempDir, toml, writeIn, yaml } from './helpers.js'

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort()
const before = prototypeNames()

/** Nine references to the level below, ten levels deep: 10^9 values once expanded. */
function billionLaughs(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
  for (let level = 1; level < 10; level++) {
    const refs = Array.from({ length: 9 }, () => `*a${level - 1}`).join(', ')
    lines.push(`a${level}: ${level < 9 ? `&a${level} ` : ''}[${refs}]`)
  }
  return `providers:\n  plugin:\n    bomb:\n${lines.map((line) => `      ${line}`).join('\n')}\n`
}

const fromFile = (name: string, content: string | Uint8Array) =>
  load({ argv: [`--configFile=${writeIn(tempDir(), name, content)}`] })

describe('hostile files are refused with a clear error, fast', () => {
  it('refuses a billion-laughs file in well under a second (bound: 5 s)', () => {
    const started = Date.now()
    const error = errorOf(() => fromFile('bomb.yaml', billionLaughs()))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error.message).toMatch(/bomb\.yaml:\d+:\d+: more than 100000 values once aliases are expanded: refused/)
  })

  it('refuses an alias that contains itself', () => {
    expect(errorOf(() => yaml('providers:\n  plugin:\n    loop: &x\n      self: *x')).problem).toBe(
      'nested deeper than 64 levels',
    )
  })

  it.each([
    [
      'flow brackets in YAML',
      'bomb.yaml',
      `log: ${'['.repeat(1_000_000)}`,
      'bomb.yaml:1:70: nested deeper than 64 levels',
    ],
    [
      'inline arrays in TOML',
      'bomb.toml',
      `x = ${'['.repeat(1_000_000)}`,
      'bomb.toml:1:69: nested deeper than 64 levels',
    ],
  ])('refuses deep nesting: %s', (_name, file, content, message) => {
    const started = Date.now()
    const error = errorOf(() => fromFile(file, content))
    expect(error.message.endsWith(`/${message}`)).toBe(true)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('refuses deep block nesting in YAML and deep tables in TOML', () => {
    const indented = Array.from({ length: 100 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n')
    expect(errorOf(() => yaml(`providers:\n  plugin:\n${indented.replace(/^/gm, '    ')}`)).problem).toBe(
      'nested deeper than 64 levels',
    )
    const header = Array.from({ length: 100 }, (_, index) => `k${index}`).join('.')
    expect(errorOf(() => toml(`[providers.plugin.${header}]\nx = 1`)).problem).toBe('nested deeper than 64 levels')
  })

  it('refuses deep flags and variables', () => {
    const deep = Array.from({ length: 100 }, () => 'a')
    expect(errorOf(() => fromFlags(`--providers.plugin.x.${deep.join('.')}=1`)).problem).toBe(
      'nested deeper than 64 levels',
    )
    expect(errorOf(() => fromEnv({ [`BAQUP_PROVIDERS_PLUGIN_X_${deep.join('_')}`]: '1' })).problem).toBe(
      'nested deeper than 64 levels',
    )
  })

  it.each([
    ['indices without a name', `--${'[0]'.repeat(100_000)}x`, 'unknown option'],
    ['indices in an entry name', `--entryPoints.web${'[0]'.repeat(100_000)}x`, 'needs a value'],
    ['one long name', `--${'a'.repeat(300_000)}`, 'unknown option'],
    ['one long option name in a group', `--log.${'a'.repeat(300_000)}`, 'unknown option'],
  ])('refuses a 300 000-character flag in linear time (bound: 3 s): %s', (_name, flag, problem) => {
    const started = Date.now()
    expect(errorOf(() => fromFlags(flag)).problem).toBe(problem)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('refuses a 300 000-character variable name in linear time (bound: 3 s)', () => {
    const started = Date.now()
    expect(errorOf(() => fromEnv({ [`BAQUP_${'A'.repeat(300_000)}`]: 'x' })).problem).toBe('unknown option')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('refuses a file over 1 MiB', () => {
    const error = errorOf(() => fromFile('big.yaml', `# ${'x'.repeat(1024 * 1024)}\n`))
    expect(error.problem).toBe('larger than 1048576 bytes: refused')
  })

  it.each([
    [
      'NUL bytes',
      'nul.yaml',
      new Uint8Array([0x6c, 0x6f, 0x67, 0x3a, 0x00, 0x01]),
      'contains NUL bytes: not a text file',
    ],
    [
      'invalid UTF-8',
      'bad.toml',
      new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0xfd]),
      'not UTF-8 text (a binary file?)',
    ],
  ])('refuses binary garbage: %s', (_name, file, bytes, problem) => {
    expect(errorOf(() => fromFile(file, bytes)).problem).toBe(problem)
  })

  it('refuses what is not a regular file, without reading it', () => {
    expect(errorOf(() => load({ argv: [`--configFile=${tempDir()}`] })).problem).toBe('not a regular file: a directory')
    expect(errorOf(() => load({ argv: ['--configFile=/dev/zero'] })).problem).toBe(
      'not a regular file: a character device',
    )
  })

  it('says a file of unknown extension was read as YAML', () => {
    const error = errorOf(() => fromFile('baqup.conf', 'log = "INFO"\n[api]\n'))
    expect(error.message).toMatch(/^.*baqup\.conf:1:1: .* \(read as YAML: \.conf is not \.toml, \.yaml or \.yml\)$/)
  })
})

describe('keys that could reach a prototype are refused in every source', () => {
  it.each([
    ['YAML at the root', () => yaml('__proto__:\n  polluted: 1'), '__proto__'],
    ['YAML in a group', () => yaml('log:\n  constructor: x'), 'log.constructor'],
    ['YAML as an entry name', () => yaml('entryPoints:\n  prototype:\n    address: ":80"'), 'entryPoints.prototype'],
    [
      'YAML in a string map',
      () => yaml('tracing:\n  resourceAttributes:\n    __proto__: x'),
      'tracing.resourceAttributes.__proto__',
    ],
    [
      'YAML in plugin settings',
      () => yaml('providers:\n  plugin:\n    p:\n      a:\n        __proto__: {polluted: 1}'),
      'providers.plugin.p.a.__proto__',
    ],
    [
      'YAML through a merge key',
      () => yaml('http: &x {__proto__: {polluted: 1}}\nproviders:\n  plugin:\n    p:\n      <<: *x'),
      'providers.plugin.p.__proto__',
    ],
    ['TOML table', () => toml('[__proto__]\npolluted = 1'), '__proto__'],
    [
      'TOML dotted key in plugin settings',
      () => toml('[providers.plugin.p]\n__proto__.polluted = 1'),
      'providers.plugin.p.__proto__',
    ],
    ['a flag', () => fromFlags('--providers.plugin.p.__proto__.polluted=1'), 'providers.plugin.p.__proto__'],
    ['a variable', () => fromEnv({ BAQUP_TRACING_RESOURCEATTRIBUTES_CONSTRUCTOR: 'x' }), 'constructor'],
  ])('%s', (_name, run, path) => {
    const error = errorOf(run)
    expect(error.path).toBe(path)
    expect(error.problem).toMatch(
      /^the key "(__proto__|constructor|CONSTRUCTOR|prototype)" is refused: it could reach an object prototype$/,
    )
  })

  it('leaves Object.prototype untouched', () => {
    expect(prototypeNames()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
