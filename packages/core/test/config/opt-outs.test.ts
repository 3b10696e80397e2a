import { describe, expect, it } from 'vitest'
import type { LoadOptions } from '../../src/config/load.js'
import { errorOf, load as loadWith, tempDir, writeIn } from './helpers.js'

const SWITCHES = ['global.checkNewVersion', 'global.sendAnonymousUsage']
const USAGE = 'global.sendAnonymousUsage'
const CHECK = 'global.checkNewVersion'

const load = (options: Partial<LoadOptions>) => loadWith({ envPrefix: 'BAQUP_', optOutSwitches: SWITCHES, ...options })
const optInFile = () => writeIn(tempDir(), 'baqup.yaml', 'global:\n  sendAnonymousUsage: true\n')
const global = (tree: Record<string, unknown>) => tree.global as Record<string, unknown>

describe('an explicit false in any source switches a telemetry switch off', () => {
  it.each([
    ['a flag', ['--global.sendAnonymousUsage=false'], {}, 'flag --global.sendAnonymousUsage=false'],
    ['a flag in lower case', ['--global.sendanonymoususage=false'], {}, 'flag --global.sendanonymoususage=false'],
    [
      'a flag and its value apart',
      ['--GLOBAL.SENDANONYMOUSUSAGE', 'False'],
      {},
      'flag --GLOBAL.SENDANONYMOUSUSAGE=false',
    ],
    ['a variable', [], { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false' }, 'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false'],
    [
      'a variable in mixed case',
      [],
      { BAQUP_Global_SendAnonymousUsage: '0' },
      'env BAQUP_Global_SendAnonymousUsage=false',
    ],
  ])('%s, though a file won that says true', (_name, args, env, decidedBy) => {
    const file = optInFile()
    const loaded = load({ argv: [`--configFile=${file}`, ...args], env })
    expect(loaded.source).toEqual({ kind: 'file', path: file })
    expect(global(loaded.effective).sendAnonymousUsage).toBe(false)
    expect(global(loaded.config).sendAnonymousUsage).toBe(false)
    expect(loaded.switches[USAGE]).toMatchObject({ value: false, decidedBy })
    // Honoured, so not "ignored".
    expect(loaded.warnings).toEqual([])
  })

  it('reads the opt-out even when the rest of the lower sources is invalid', () => {
    const argv = [`--configFile=${optInFile()}`, '--entryPoints.web.adress=:80', '--global.checkNewVersion=false']
    const env = { BAQUP_NOPE_AT_ALL: 'x', BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false' }
    const loaded = load({ argv, env })
    expect(global(loaded.effective)).toMatchObject({ checkNewVersion: false, sendAnonymousUsage: false })
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/^--entryPoints\.web\.adress ignored/),
      expect.stringMatching(/^BAQUP_NOPE_AT_ALL ignored/),
    ])
  })

  it('an environment variable switches off what winning flags switch on', () => {
    const loaded = load({ argv: ['--global.checkNewVersion=true'], env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' } })
    expect(loaded.source.kind).toBe('flags')
    expect(loaded.switches[CHECK]).toMatchObject({ value: false, decidedBy: 'env BAQUP_GLOBAL_CHECKNEWVERSION=false' })
    expect(global(loaded.effective).checkNewVersion).toBe(false)
  })

  it.each(['fasle', '', 'no', 'off', ' true'])(
    'a lower value %j that is neither true nor false reads as false, with a warning that does not repeat it',
    (value) => {
      const loaded = load({ argv: [`--configFile=${optInFile()}`], env: { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: value } })
      expect(global(loaded.effective).sendAnonymousUsage).toBe(false)
      expect(loaded.switches[USAGE]?.decidedBy).toBe(
        'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE (neither true nor false, read as false)',
      )
      expect(loaded.warnings).toEqual([
        'BAQUP_GLOBAL_SENDANONYMOUSUSAGE is neither true nor false: read as BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false, which switches global.sendAnonymousUsage off',
      ])
    },
  )

  it('a lower true stays ignored, with its warning: only an opt-out crosses sources', () => {
    const file = writeIn(tempDir(), 'baqup.yaml', 'global:\n  sendAnonymousUsage: false\n')
    const loaded = load({
      argv: [`--configFile=${file}`, '--global.sendAnonymousUsage'],
      env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'true' },
    })
    expect(loaded.switches[USAGE]).toMatchObject({ value: false, decidedBy: `file ${file}` })
    expect(loaded.switches[CHECK]).toMatchObject({ value: true, decidedBy: 'default' })
    expect(loaded.warnings).toEqual([
      `--global.sendAnonymousUsage ignored: configuration loaded from ${file}`,
      `BAQUP_GLOBAL_CHECKNEWVERSION ignored: configuration loaded from ${file}`,
    ])
  })

  it('the winning source decides when no source opts out, and the default when none sets it', () => {
    const loaded = load({ env: { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'true' } })
    expect(loaded.switches[USAGE]).toMatchObject({ value: true, decidedBy: 'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=true' })
    expect(loaded.switches[CHECK]).toMatchObject({ value: true, decidedBy: 'default', settings: [] })
    const nothing = load({})
    expect(nothing.switches[USAGE]).toMatchObject({ value: false, decidedBy: 'default' })
    // A default is never written into the configuration as written.
    expect(nothing.config).toEqual({})
  })

  it('leaves the schema defaults intact for the next load', () => {
    expect(
      global(load({ env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' }, argv: ['--api'] }).effective).checkNewVersion,
    ).toBe(false)
    expect(global(load({ argv: ['--api'] }).effective).checkNewVersion).toBe(true)
  })

  it('without optOutSwitches, the exclusive-source rule alone applies', () => {
    const loaded = loadWith({ argv: [`--configFile=${optInFile()}`, '--global.sendAnonymousUsage=false'] })
    expect(global(loaded.effective).sendAnonymousUsage).toBe(true)
    expect(loaded.switches).toEqual({})
    expect(loaded.warnings).toEqual([expect.stringMatching(/^--global\.sendAnonymousUsage ignored/)])
  })
})

const BOTH = 'global.checkNewVersion and global.sendAnonymousUsage'
const FLAGS_BOTH = '--global.checkNewVersion=false --global.sendAnonymousUsage=false'
const ENV_BOTH = 'BAQUP_GLOBAL_CHECKNEWVERSION=false BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false'

interface Spelled {
  argv?: string[]
  env?: Record<string, string>
  /** The switches it turns off. */
  off: string[]
  decidedBy: string
  warning: string
}

/** Every other spelling of an opt-out in flags and variables, read as the canonical one. */
const SPELLINGS: [string, Spelled][] = [
  [
    '--no-global.sendAnonymousUsage',
    {
      argv: ['--no-global.sendAnonymousUsage'],
      off: [USAGE],
      decidedBy: 'flag --no-global.sendAnonymousUsage',
      warning:
        '--no-global.sendAnonymousUsage is read as --global.sendAnonymousUsage=false, which switches global.sendAnonymousUsage off',
    },
  ],
  [
    '--NO-GLOBAL.SENDANONYMOUSUSAGE',
    {
      argv: ['--NO-GLOBAL.SENDANONYMOUSUSAGE'],
      off: [USAGE],
      decidedBy: 'flag --NO-GLOBAL.SENDANONYMOUSUSAGE',
      warning:
        '--NO-GLOBAL.SENDANONYMOUSUSAGE is read as --global.sendAnonymousUsage=false, which switches global.sendAnonymousUsage off',
    },
  ],
  [
    '--no-global.checkNewVersion',
    {
      argv: ['--no-global.checkNewVersion'],
      off: [CHECK],
      decidedBy: 'flag --no-global.checkNewVersion',
      warning:
        '--no-global.checkNewVersion is read as --global.checkNewVersion=false, which switches global.checkNewVersion off',
    },
  ],
  [
    '--no-global',
    {
      argv: ['--no-global'],
      off: SWITCHES,
      decidedBy: 'flag --no-global',
      warning: `--no-global is read as ${FLAGS_BOTH}, which switches ${BOTH} off`,
    },
  ],
  [
    '--global=false',
    {
      argv: ['--global=false'],
      off: SWITCHES,
      decidedBy: 'flag --global=false',
      warning: `--global=false is read as ${FLAGS_BOTH}, which switches ${BOTH} off`,
    },
  ],
  [
    '--Global 0 (value apart)',
    {
      argv: ['--Global', '0'],
      off: SWITCHES,
      decidedBy: 'flag --Global=false',
      warning: `--Global=false is read as ${FLAGS_BOTH}, which switches ${BOTH} off`,
    },
  ],
  [
    'BAQUP_GLOBAL=false',
    {
      env: { BAQUP_GLOBAL: 'false' },
      off: SWITCHES,
      decidedBy: 'env BAQUP_GLOBAL=false',
      warning: `BAQUP_GLOBAL=false is read as ${ENV_BOTH}, which switches ${BOTH} off`,
    },
  ],
  [
    'BAQUP_global=F',
    {
      env: { BAQUP_global: 'F' },
      off: SWITCHES,
      decidedBy: 'env BAQUP_global=false',
      warning: `BAQUP_global=false is read as ${ENV_BOTH}, which switches ${BOTH} off`,
    },
  ],
]

/** Values neither true nor false: an opt-out in a source that is not loaded, an error in the one that is. */
const NEITHER: [string, Spelled][] = [
  [
    '--global.sendAnonymousUsage=fasle',
    {
      argv: ['--global.sendAnonymousUsage=fasle'],
      off: [USAGE],
      decidedBy: 'flag --global.sendAnonymousUsage (neither true nor false, read as false)',
      warning:
        '--global.sendAnonymousUsage is neither true nor false: read as --global.sendAnonymousUsage=false, which switches global.sendAnonymousUsage off',
    },
  ],
  [
    '--global=off',
    {
      argv: ['--global=off'],
      off: SWITCHES,
      decidedBy: 'flag --global (neither true nor false, read as false)',
      warning: `--global is neither true nor false: read as ${FLAGS_BOTH}, which switches ${BOTH} off`,
    },
  ],
  [
    'BAQUP_GLOBAL_CHECKNEWVERSION=no',
    {
      env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'no' },
      off: [CHECK],
      decidedBy: 'env BAQUP_GLOBAL_CHECKNEWVERSION (neither true nor false, read as false)',
      warning:
        'BAQUP_GLOBAL_CHECKNEWVERSION is neither true nor false: read as BAQUP_GLOBAL_CHECKNEWVERSION=false, which switches global.checkNewVersion off',
    },
  ],
  [
    'BAQUP_GLOBAL=fasle',
    {
      env: { BAQUP_GLOBAL: 'fasle' },
      off: SWITCHES,
      decidedBy: 'env BAQUP_GLOBAL (neither true nor false, read as false)',
      warning: `BAQUP_GLOBAL is neither true nor false: read as ${ENV_BOTH}, which switches ${BOTH} off`,
    },
  ],
]

const optInBoth = () =>
  writeIn(tempDir(), 'baqup.yaml', 'global:\n  checkNewVersion: true\n  sendAnonymousUsage: true\n')

function expectOff(loaded: ReturnType<typeof load>, { off, decidedBy }: Spelled): void {
  for (const path of SWITCHES) {
    const key = path.split('.')[1] as string
    const value = !off.includes(path)
    expect(global(loaded.effective)[key], path).toBe(value)
    expect(loaded.switches[path]?.value, path).toBe(value)
  }
  for (const path of off) {
    const key = path.split('.')[1] as string
    // Written into the configuration as loaded, so the report itself says false.
    expect(global(loaded.config)[key], path).toBe(false)
    expect(loaded.switches[path]?.decidedBy, path).toBe(decidedBy)
  }
}

describe('another spelling of an opt-out is read as the opt-out, never ignored', () => {
  it.each([...SPELLINGS, ...NEITHER])('%s, though a file that opts in was loaded', (_name, spelled) => {
    const file = optInBoth()
    const loaded = load({ argv: [`--configFile=${file}`, ...(spelled.argv ?? [])], env: spelled.env ?? {} })
    expect(loaded.source).toEqual({ kind: 'file', path: file })
    expectOff(loaded, spelled)
    expect(loaded.warnings).toEqual([spelled.warning])
  })

  it.each(SPELLINGS)('%s, in the source that is loaded, beside its own opt-in', (_name, spelled) => {
    const optIn = ['--global.checkNewVersion', '--global.sendAnonymousUsage=true', '--entryPoints.web.address=:80']
    const argv = spelled.argv && [...optIn, ...spelled.argv]
    const env = spelled.env && {
      BAQUP_GLOBAL_CHECKNEWVERSION: 'true',
      BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'true',
      BAQUP_ENTRYPOINTS_WEB_ADDRESS: ':80',
      ...spelled.env,
    }
    const loaded = load({ ...(argv && { argv }), ...(env && { env }) })
    expect(loaded.source.kind).toBe(argv ? 'flags' : 'env')
    expectOff(loaded, spelled)
    expect(loaded.config.entryPoints).toEqual({ web: { address: ':80' } })
    expect(loaded.warnings).toEqual([spelled.warning])
  })

  it.each(NEITHER)('%s, in the source that is loaded, is an error like any invalid value', (_name, spelled) => {
    const run = () => load({ ...(spelled.argv && { argv: spelled.argv }), ...(spelled.env && { env: spelled.env }) })
    expect(errorOf(run).message).toMatch(/global/)
  })

  it.each([
    [
      'YAML',
      'baqup.yaml',
      'global: false\n',
      'global: false',
      'global: {checkNewVersion: false, sendAnonymousUsage: false}',
    ],
    [
      'YAML, any case',
      'baqup.yml',
      'GLOBAL: False\n',
      'GLOBAL: false',
      'global: {checkNewVersion: false, sendAnonymousUsage: false}',
    ],
    [
      'TOML',
      'baqup.toml',
      'global = false\n',
      'global = false',
      'global = {checkNewVersion = false, sendAnonymousUsage = false}',
    ],
  ])('%s: false for the group in the file switches both off', (_name, fileName, text, spelling, canonical) => {
    const file = writeIn(tempDir(), fileName, `${text}`)
    const loaded = load({ argv: [`--configFile=${file}`, '--global.sendAnonymousUsage=true'] })
    expectOff(loaded, { off: SWITCHES, decidedBy: `file ${file} (${spelling})`, warning: '' })
    expect(loaded.warnings).toEqual([
      `--global.sendAnonymousUsage ignored: configuration loaded from ${file}`,
      `${spelling} in ${file} is read as ${canonical}, which switches ${BOTH} off`,
    ])
  })

  it('a file keeps its other options beside it', () => {
    const file = writeIn(tempDir(), 'baqup.yaml', 'global: false\nentryPoints:\n  web:\n    address: ":80"\n')
    expect(load({ argv: [`--configFile=${file}`] }).config).toEqual({
      global: { checkNewVersion: false, sendAnonymousUsage: false },
      entryPoints: { web: { address: ':80' } },
    })
  })

  it('a file that sets only its group false is not called empty', () => {
    const file = writeIn(tempDir(), 'baqup.yaml', 'global: false\n')
    expect(load({ argv: [`--configFile=${file}`] }).warnings).toEqual([
      `global: false in ${file} is read as global: {checkNewVersion: false, sendAnonymousUsage: false}, which switches ${BOTH} off`,
    ])
  })

  it('an empty group in a file (`global:`) is the group with its defaults, not an opt-out', () => {
    const file = writeIn(tempDir(), 'baqup.yaml', 'global:\n')
    const loaded = load({ argv: [`--configFile=${file}`] })
    expect(loaded.switches[CHECK]).toMatchObject({ value: true, decidedBy: 'default' })
    expect(loaded.warnings).toEqual([])
  })

  it.each([
    ['global: true', /global: not a mapping/],
    ['global: fasle', /global: not a mapping/],
    ['global:\n  sendAnonymousUsage: fasle', /global\.sendAnonymousUsage: not a boolean/],
  ])('a loaded file with %j is an error, as before', (text, message) => {
    const file = writeIn(tempDir(), 'baqup.yaml', `${text}\n`)
    expect(errorOf(() => load({ argv: [`--configFile=${file}`] })).message).toMatch(message)
  })

  it.each([
    ['--global', ['--global'], {}],
    ['--global=true', ['--global=true'], {}],
    ['BAQUP_GLOBAL=true', [], { BAQUP_GLOBAL: 'true' }],
    ['--no-global.notAppendXForwardedFor', ['--no-global.notAppendXForwardedFor'], {}],
  ])('%s beside a loaded file is no opt-out: ignored, as any lower setting', (name, args, env) => {
    const file = optInFile()
    const loaded = load({ argv: [`--configFile=${file}`, ...args], env })
    expect(loaded.switches[USAGE]).toMatchObject({ value: true, decidedBy: `file ${file}` })
    expect(loaded.warnings).toEqual([`${name.split('=')[0]} ignored: configuration loaded from ${file}`])
  })

  it('a negated flag that is no switch stays refused where flags are loaded', () => {
    expect(errorOf(() => load({ argv: ['--no-api.insecure'] })).message).toMatch(/negated flags do not exist/)
  })
})
