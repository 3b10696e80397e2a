import { describe, expect, it } from 'vitest'
import type { LoadOptions } from '../../src/config/load.js'
import { load as loadWith, tempDir, writeIn } from './helpers.js'

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
        'BAQUP_GLOBAL_SENDANONYMOUSUSAGE is neither true nor false: read as false, which switches global.sendAnonymousUsage off',
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
