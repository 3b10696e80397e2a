import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectJSON } from './inspection.js'
import { example, runCli, STACK_FRAME, sandbox } from './run-cli.js'
import { startServer } from './servers.js'

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
    ['a flag', ['--global.sendAnonymousUsage=true'], {}, true, 'flag --global.sendAnonymousUsage=true'],
    [
      'an explicit false flag',
      ['--global.sendAnonymousUsage=false'],
      {},
      false,
      'flag --global.sendAnonymousUsage=false',
    ],
    ['an env var', [], { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'true' }, true, 'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=true'],
    ['a file', [`--configFile=${file}`], {}, true, `file ${file}`],
    [
      'a false flag, over a file that says true',
      [`--configFile=${file}`, '--global.sendAnonymousUsage=false'],
      {},
      false,
      'flag --global.sendAnonymousUsage=false',
    ],
    [
      'a false flag in lower case, over a file',
      [`--configFile=${file}`, '--global.sendanonymoususage=false'],
      {},
      false,
      'flag --global.sendanonymoususage=false',
    ],
    [
      'a false env var, over a file that says true',
      [`--configFile=${file}`],
      { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false' },
      false,
      'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false',
    ],
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
    ['a flag', ['--global.checkNewVersion=false'], {}, false, 'flag --global.checkNewVersion=false'],
    ['an env var', [], { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' }, false, 'env BAQUP_GLOBAL_CHECKNEWVERSION=false'],
    [
      'an env var, over flags that say true',
      ['--global.checkNewVersion=true'],
      { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' },
      false,
      'env BAQUP_GLOBAL_CHECKNEWVERSION=false',
    ],
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

describe('an explicit false in any source switches a mechanism off, and every command says which', () => {
  const accepted = { status: 202, body: '{}' }
  it.each([
    [
      'a flag',
      ['--global.sendAnonymousUsage=false'],
      {},
      'flag --global.sendAnonymousUsage=false',
      'remove --global.sendAnonymousUsage',
    ],
    [
      'a flag in lower case',
      ['--global.sendanonymoususage=false'],
      {},
      'flag --global.sendanonymoususage=false',
      'remove --global.sendanonymoususage',
    ],
    [
      'an env var',
      [],
      { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false' },
      'env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false',
      'unset BAQUP_GLOBAL_SENDANONYMOUSUSAGE',
    ],
  ])('send: %s beats a file that opts in, and nothing leaves', async (_name, args, env, why, how) => {
    const collector = await startServer(accepted)
    const send = ['send', `--collector-url=${collector.url}`, `--configFile=${optInFile()}`, ...args]
    const { code, stdout, stderr } = await runCli(send, { env })
    expect(stdout).toBe(
      `nothing sent: usage statistics are disabled (decided by: ${why}); to send, ${how} (a false in any source switches it off)\n`,
    )
    // Honoured, so not reported as ignored.
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(collector.received).toEqual([])
  })

  it('send: an opt-out is read though the rest of its source is invalid; the rest is named as ignored', async () => {
    const collector = await startServer(accepted)
    const args = ['--entryPoints.web.adress=:80', '--global.sendAnonymousUsage=false', '--entryPoint.web.address=:80']
    const send = ['send', `--collector-url=${collector.url}`, `--configFile=${optInFile()}`, ...args]
    const { code, stdout, stderr } = await runCli(send)
    expect(stdout).toMatch(/^nothing sent: .*decided by: flag --global\.sendAnonymousUsage=false/)
    expect(stderr).toMatch(/^baqup-telemetry: warning: --entryPoints\.web\.adress ignored: configuration loaded from /m)
    expect(stderr).toMatch(/^baqup-telemetry: warning: --entryPoint\.web\.address ignored/m)
    expect(code).toBe(0)
    expect(collector.received).toEqual([])
  })

  it('send: a lower value that is neither true nor false switches off too, with a warning that does not repeat it', async () => {
    const collector = await startServer(accepted)
    const env = { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'fasle' }
    const { code, stdout, stderr } = await runCli(
      ['send', `--collector-url=${collector.url}`, `--configFile=${optInFile()}`],
      { env },
    )
    expect(stdout).toMatch(/^nothing sent: /)
    expect(stderr).toBe(
      'baqup-telemetry: warning: BAQUP_GLOBAL_SENDANONYMOUSUSAGE is neither true nor false: read as BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false, which switches global.sendAnonymousUsage off\n',
    )
    expect(stdout + stderr).not.toContain('fasle')
    expect(code).toBe(0)
    expect(collector.received).toEqual([])
  })

  it('send prints the loader warnings, as inspect does', async () => {
    const collector = await startServer(accepted)
    const send = ['send', `--collector-url=${collector.url}`, `--configFile=${optInFile()}`, '--log.level=DEBUG']
    const { code, stderr } = await runCli(send, { env: { BAQUP_API: 'true' } })
    expect(code).toBe(0)
    expect(collector.received).toHaveLength(1)
    expect(stderr).toMatch(/^baqup-telemetry: warning: --log\.level ignored: configuration loaded from /m)
    expect(stderr).toMatch(/^baqup-telemetry: warning: BAQUP_API ignored: configuration loaded from /m)
    expect(stderr).not.toMatch(STACK_FRAME)
  })

  it('send advises only a source that would be read: the file when a file won', async () => {
    const home = sandbox()
    const file = join(home.dir, 'baqup.yaml')
    writeFileSync(file, 'api: {}\n')
    const { stdout } = await runCli(['send', `--configFile=${file}`, '--global.sendAnonymousUsage=true'], { home })
    expect(stdout).toBe(
      `nothing sent: usage statistics are disabled (decided by: default); to send, set global.sendAnonymousUsage to true in ${file}\n`,
    )
  })

  it('inspect (human) names the source of the opt-out', async () => {
    const args = [`--configFile=${optInFile()}`]
    const { stdout } = await runCli(['inspect', ...args], { env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' } })
    expect(stdout).toContain('Version check  disabled  (decided by: env BAQUP_GLOBAL_CHECKNEWVERSION=false)')
  })
})
