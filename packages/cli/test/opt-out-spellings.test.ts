import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectJSON } from './inspection.js'
import { runCli, sandbox } from './run-cli.js'
import { startServer } from './servers.js'

/** A configuration file that switches usage statistics on. */
function optInFile(): string {
  const path = join(sandbox().dir, 'opt-in.yaml')
  writeFileSync(path, 'global:\n  sendAnonymousUsage: true\n')
  return path
}

const USAGE_FLAG = '--global.sendAnonymousUsage=false'
const BOTH_FLAGS = `--global.checkNewVersion=false ${USAGE_FLAG}`
const BOTH_VARIABLES = 'BAQUP_GLOBAL_CHECKNEWVERSION=false BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false'
const BOTH = 'global.checkNewVersion and global.sendAnonymousUsage'

describe('another spelling of an opt-out, beside a file that opts in, switches off', () => {
  it('inspect --json: --no-global.sendAnonymousUsage is read as --global.sendAnonymousUsage=false', async () => {
    const file = optInFile()
    const report = await inspectJSON([`--configFile=${file}`, '--no-global.sendAnonymousUsage'])
    expect(report.source).toEqual({ kind: 'file', path: file })
    expect(report.global).toEqual({ checkNewVersion: true, sendAnonymousUsage: false })
    expect(report.mechanisms.usageStatistics).toMatchObject({
      enabled: false,
      why: 'flag --no-global.sendAnonymousUsage',
    })
    expect(report.anonymized).toEqual({ global: { sendAnonymousUsage: false } })
    expect(report.warnings).toEqual([
      `--no-global.sendAnonymousUsage is read as ${USAGE_FLAG}, which switches global.sendAnonymousUsage off`,
    ])
  })

  it.each([
    [
      '--no-global.sendAnonymousUsage',
      ['--no-global.sendAnonymousUsage'],
      {},
      'flag --no-global.sendAnonymousUsage',
      'remove --no-global.sendAnonymousUsage',
      `--no-global.sendAnonymousUsage is read as ${USAGE_FLAG}, which switches global.sendAnonymousUsage off`,
    ],
    [
      '--no-global',
      ['--no-global'],
      {},
      'flag --no-global',
      'remove --no-global',
      `--no-global is read as ${BOTH_FLAGS}, which switches ${BOTH} off`,
    ],
    [
      '--global=false',
      ['--global=false'],
      {},
      'flag --global=false',
      'remove --global',
      `--global=false is read as ${BOTH_FLAGS}, which switches ${BOTH} off`,
    ],
    [
      'BAQUP_GLOBAL=false',
      [],
      { BAQUP_GLOBAL: 'false' },
      'env BAQUP_GLOBAL=false',
      'unset BAQUP_GLOBAL',
      `BAQUP_GLOBAL=false is read as ${BOTH_VARIABLES}, which switches ${BOTH} off`,
    ],
  ])('send: %s, and nothing leaves', async (_name, args, env, why, how, warning) => {
    const collector = await startServer({ status: 202, body: '{}' })
    const send = ['send', `--collector-url=${collector.url}`, `--configFile=${optInFile()}`, ...args]
    const { code, stdout, stderr } = await runCli(send, { env })
    expect(stdout).toBe(
      `nothing sent: usage statistics are disabled (decided by: ${why}); to send, ${how} (a false in any source switches it off)\n`,
    )
    expect(stderr).toBe(`baqup-telemetry: warning: ${warning}\n`)
    expect(code).toBe(0)
    expect(collector.received).toEqual([])
  })

  it('send: global: false in the file loaded switches both off', async () => {
    const collector = await startServer({ status: 202, body: '{}' })
    const file = join(sandbox().dir, 'baqup.yaml')
    writeFileSync(file, 'global: false\n')
    const send = ['send', `--collector-url=${collector.url}`, `--configFile=${file}`]
    const { code, stdout, stderr } = await runCli(send)
    expect(stdout).toMatch(/^nothing sent: usage statistics are disabled \(decided by: file .* \(global: false\)\)/)
    expect(stderr).toBe(
      `baqup-telemetry: warning: global: false in ${file} is read as global: {checkNewVersion: false, sendAnonymousUsage: false}, which switches ${BOTH} off\n`,
    )
    expect(code).toBe(0)
    expect(collector.received).toEqual([])
  })

  it('--no-global reaches the configuration loader, not the command line parser', async () => {
    const report = await inspectJSON(['--global.sendAnonymousUsage=true', '--no-global'])
    expect(report.source).toEqual({ kind: 'flags' })
    expect(report.global).toEqual({ checkNewVersion: false, sendAnonymousUsage: false })
  })

  it('a negated root option that is no switch is refused by the loader, exit 2', async () => {
    const { code, stderr } = await runCli(['inspect', '--no-api'])
    expect(stderr).toMatch(/--no-api: negated flags do not exist — did you mean "--api=false"\?/)
    expect(code).toBe(2)
  })
})
