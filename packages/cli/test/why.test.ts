import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectJSON } from './inspection.js'
import { example, runCli, sandbox } from './run-cli.js'

/** A configuration file that switches usage statistics on. */
function optInFile(): string {
  const path = join(sandbox().dir, 'opt-in.yaml')
  writeFileSync(path, 'global:\n  sendAnonymousUsage: true\n')
  return path
}

describe('inspect: why each mechanism is on or off', () => {
  const file = optInFile()
  it.each([
    ['nothing set', [], {}, false, 'default'],
    ['a flag', ['--global.sendAnonymousUsage=true'], {}, true, 'flag --global.sendAnonymousUsage'],
    ['an explicit false flag', ['--global.sendAnonymousUsage=false'], {}, false, 'flag --global.sendAnonymousUsage'],
    ['an env var', [], { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'true' }, true, 'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE'],
    ['a file', [`--configFile=${file}`], {}, true, `file ${file}`],
    ['DO_NOT_TRACK over a flag', ['--global.sendAnonymousUsage=true'], { DO_NOT_TRACK: '1' }, false, 'DO_NOT_TRACK'],
  ])('usage statistics decided by %s', async (_name, args, env, enabled, why) => {
    const report = await inspectJSON(args, { env })
    expect(report.mechanisms.usageStatistics).toMatchObject({ enabled, why })
    expect(report.global.sendAnonymousUsage).toBe(enabled)
    const { stdout } = await runCli(['inspect', ...args], { env })
    const state = enabled ? 'enabled' : 'disabled'
    expect(stdout).toContain(`Usage statistics  ${state}  (decided by: ${why})`)
  })

  it.each([
    ['default', [], {}, true, 'default'],
    ['a flag', ['--global.checkNewVersion=false'], {}, false, 'flag --global.checkNewVersion'],
    ['an env var', [], { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' }, false, 'env BAQUP_GLOBAL_CHECKNEWVERSION'],
    ['DO_NOT_TRACK', [], { DO_NOT_TRACK: '1' }, false, 'DO_NOT_TRACK'],
  ])('the version check decided by %s', async (_name, args, env, enabled, why) => {
    const report = await inspectJSON(args, { env })
    expect(report.mechanisms.versionCheck).toMatchObject({ enabled, why })
    expect(report.global.checkNewVersion).toBe(enabled)
  })

  it('still shows, while disabled, the exact request each would make', async () => {
    const report = await inspectJSON([], { env: { DO_NOT_TRACK: '1' } })
    expect(report.mechanisms.versionCheck.request).toMatchObject({ method: 'GET' })
    expect(report.mechanisms.usageStatistics.request).toMatchObject({ method: 'POST', body: expect.any(String) })
  })
})

describe('inspect: ignored sources', () => {
  it('warns that flags are ignored because a file was given, and the file decides', async () => {
    const args = [`--configFile=${example('baqup.yaml')}`, '--global.sendAnonymousUsage=true']
    const report = await runCli(['inspect', '--json', ...args])
    const json = JSON.parse(report.stdout)
    expect(json.warnings).toHaveLength(1)
    expect(json.warnings[0]).toMatch(/--global\.sendAnonymousUsage ignored.*examples\/baqup\.yaml/)
    expect(json.global.sendAnonymousUsage).toBe(false)
    const human = await runCli(['inspect', ...args])
    expect(human.code).toBe(0)
    // The human report lists it right under the source it lost to.
    expect(human.stdout).toMatch(/^Configuration {2}file .*baqup\.yaml\n {2}! --global\.sendAnonymousUsage ignored/m)
    const explained = await runCli(['inspect', '--explain', ...args])
    expect(explained.stderr).toMatch(/^baqup-telemetry: warning: --global\.sendAnonymousUsage ignored/m)
  })

  it('warns that environment variables are ignored because flags were given', async () => {
    const env = { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'true' }
    const report = await inspectJSON(['--entryPoints.web.address=:80'], { env })
    expect(report.source).toEqual({ kind: 'flags' })
    expect(report.warnings).toEqual([expect.stringMatching(/BAQUP_GLOBAL_SENDANONYMOUSUSAGE ignored/)])
    expect(report.global.sendAnonymousUsage).toBe(false)
  })

  it('finds a baqup.yaml in $XDG_CONFIG_HOME when no file is given', async () => {
    const home = sandbox()
    writeFileSync(join(home.env.XDG_CONFIG_HOME as string, 'baqup.yaml'), 'api: {}\n')
    const report = await inspectJSON([], { home })
    expect(report.source).toEqual({ kind: 'file', path: join(home.env.XDG_CONFIG_HOME as string, 'baqup.yaml') })
  })
})
