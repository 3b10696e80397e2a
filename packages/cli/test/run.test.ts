import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ANSI, STACK_FRAME, sandbox, startCli } from './run-cli.js'
import { releases, startServer } from './servers.js'

/** Generous on a shared machine; the contract is "promptly", about a second. */
const EXIT_BOUND_MS = 3_000

async function endpoints() {
  const update = await startServer(releases('v99.0.0'))
  const collector = await startServer({ status: 202, body: '{}' })
  const env = { BAQUP_TELEMETRY_UPDATE_URL: update.url, BAQUP_TELEMETRY_COLLECTOR_URL: collector.url }
  return { env, received: () => [...update.received, ...collector.received] }
}

describe('run', () => {
  it.each([
    ['defaults', [], {}, /Version check is enabled/, /Anonymous usage statistics are disabled/],
    ['both on', ['--global.sendAnonymousUsage=true'], {}, /Version check is enabled/, /statistics are enabled/],
    [
      'both off',
      ['--global.checkNewVersion=false', '--global.sendAnonymousUsage=false'],
      {},
      /Version check is disabled/,
      /statistics are disabled/,
    ],
    [
      'DO_NOT_TRACK',
      ['--global.sendAnonymousUsage=true'],
      { DO_NOT_TRACK: '1' },
      /Version check is disabled by DO_NOT_TRACK/,
      /statistics are disabled by DO_NOT_TRACK/,
    ],
  ])(
    '%s: logs one startup line per mechanism, sends nothing at start, exits 0 on SIGTERM',
    async (_name, args, extra, versionLine, usageLine) => {
      const servers = await endpoints()
      const cli = startCli(['run', ...args], { env: { ...servers.env, ...extra } })
      await cli.waitFor(usageLine)
      await cli.waitFor(versionLine)
      const stoppedAt = Date.now()
      cli.child.kill('SIGTERM')
      const { code, stderr } = await cli.exited
      expect(Date.now() - stoppedAt).toBeLessThan(EXIT_BOUND_MS)
      expect(code).toBe(0)
      expect(stderr).not.toMatch(ANSI)
      expect(stderr).not.toMatch(STACK_FRAME)
      expect(stderr.match(/Version check is/g)).toHaveLength(1)
      expect(stderr.match(/usage statistics are/gi)).toHaveLength(1)
      // The first run is due 10 minutes after start.
      expect(servers.received()).toEqual([])
    },
  )

  it('exits 0 on SIGINT too', async () => {
    const servers = await endpoints()
    const cli = startCli(['run'], { env: servers.env })
    await cli.waitFor(/statistics are/)
    const stoppedAt = Date.now()
    cli.child.kill('SIGINT')
    const { code } = await cli.exited
    expect(Date.now() - stoppedAt).toBeLessThan(EXIT_BOUND_MS)
    expect(code).toBe(0)
  })

  it('names the documentation and how to switch each mechanism', async () => {
    const cli = startCli(['run'], { env: (await endpoints()).env })
    await cli.waitFor(/statistics are/)
    cli.child.kill('SIGTERM')
    const { stderr } = await cli.exited
    expect(stderr).toContain('--global.checkNewVersion=false')
    expect(stderr).toContain('--global.sendAnonymousUsage=true')
    expect(stderr).toMatch(/Documentation: https:\/\/\S+/)
  })

  it('holds an opt-out from the environment against a file that opts in, and the start-up line says so', async () => {
    const servers = await endpoints()
    const home = sandbox()
    const file = join(home.dir, 'baqup.yaml')
    writeFileSync(file, 'global:\n  sendAnonymousUsage: true\n')
    const env = { ...servers.env, BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false', BAQUP_LOG_LEVEL: 'DEBUG' }
    const cli = startCli(['run', `--configFile=${file}`], { env, home })
    await cli.waitFor(/statistics are/)
    cli.child.kill('SIGTERM')
    const { code, stderr: log } = await cli.exited
    expect(code).toBe(0)
    // Each entry read as one text: its lines joined.
    const stderr = log.replace(/\n +/g, ' ')
    expect(stderr).toContain(
      'Anonymous usage statistics are disabled (decided by: env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false): ',
    )
    // Only the advice that would work: the variable, since the file already says true.
    expect(stderr).toContain(
      'To turn it on, unset BAQUP_GLOBAL_SENDANONYMOUSUSAGE (a false in any source switches it off).',
    )
    expect(stderr).not.toContain('--global.sendAnonymousUsage=true')
    // The other variable lost to the file, and is named.
    expect(stderr).toContain(`BAQUP_LOG_LEVEL ignored: configuration loaded from ${file}`)
    expect(servers.received()).toEqual([])
  })

  it('refuses a configuration error before starting, with exit 2', async () => {
    const { code, stderr } = await startCli(['run', '--global.checkNewVersion=maybe']).exited
    expect(stderr).toMatch(/--global\.checkNewVersion/)
    expect(stderr).not.toMatch(/is enabled|is disabled/)
    expect(code).toBe(2)
  })
})
