import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Sandbox, sandbox, startCli } from './run-cli.js'
import { releases, startServer } from './servers.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

async function endpoints() {
  const update = await startServer(releases('v99.0.0'))
  const collector = await startServer({ status: 202, body: '{}' })
  return { BAQUP_TELEMETRY_UPDATE_URL: update.url, BAQUP_TELEMETRY_COLLECTOR_URL: collector.url }
}

const SCHEDULED = /first run at|nothing scheduled/
/** The start-up entry of usage statistics, the second one, complete. */
const STARTED = /Anonymous usage statistics are[^]*Documentation: \S+\n/

/** `run` until it has said `until` (its schedule), then the signal; its whole log (stderr). */
async function runUntilScheduled(
  args: string[],
  env: Record<string, string> = {},
  { home, signal = 'SIGTERM', until = SCHEDULED }: { home?: Sandbox; signal?: NodeJS.Signals; until?: RegExp } = {},
) {
  const cli = startCli(['run', ...args], { env: { ...(await endpoints()), TZ: 'UTC', ...env }, home })
  await cli.waitFor(until)
  const scheduledBy = Date.now()
  cli.child.kill(signal)
  const { code, stderr } = await cli.exited
  expect(code).toBe(0)
  return { stderr, scheduledBy }
}

describe('run: start-up lines of at most 120 characters', () => {
  const folder = 'a-rather-long-folder-name-for-the-baqup-configuration-of-this-host'

  it.each([
    ['defaults', [], {}, false],
    ['both on, by flag', ['--global.sendAnonymousUsage=true'], {}, false],
    ['both off, by env', [], { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' }, false],
    ['DO_NOT_TRACK', ['--global.sendAnonymousUsage=true'], { DO_NOT_TRACK: '1' }, false],
    ['decided by a file with a long path', [], {}, true],
    ['a file, and an opt-out by env', [], { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false' }, true],
  ])('%s', async (_name, args, env, withFile) => {
    const home = sandbox()
    const file = join(home.dir, folder, 'baqup.yaml')
    mkdirSync(dirname(file))
    writeFileSync(file, 'global:\n  sendAnonymousUsage: true\n  checkNewVersion: false\n')
    const configFile = withFile ? [`--configFile=${file}`] : []
    const { stderr } = await runUntilScheduled([...args, ...configFile], env, { home, until: STARTED })
    const lines = stderr.trimEnd().split('\n')
    expect(lines.filter((line) => line.length > 120)).toEqual([])
    // Each mechanism still says its state on the first line of its entry.
    expect(stderr).toMatch(/^\S+ Version check is (enabled|disabled)/m)
    expect(stderr).toMatch(/^\S+ Anonymous usage statistics are (enabled|disabled)/m)
    if (withFile) expect(stderr).toContain(file)
    expect(stderr).toContain('Documentation: https://')
  })
})

/** The time a schedule line announces, read in UTC (the command runs with TZ=UTC). */
function announced(stderr: string, name: string, today: number): number {
  const match = new RegExp(
    `${name}: first run at (?:(\\d{4}-\\d\\d-\\d\\d) )?(\\d\\d:\\d\\d:\\d\\d) \\(in [^)]+\\), then every 24 h`,
  ).exec(stderr)
  expect(match, stderr).not.toBeNull()
  const day = match?.[1] ?? new Date(today).toISOString().slice(0, 10)
  return Date.parse(`${day}T${match?.[2]}Z`)
}

describe('run says when each mechanism first runs, and when it stops', () => {
  it('both on: each first runs 10 minutes after start, then every 24 h; SIGTERM is said', async () => {
    const startedAt = Date.now()
    const { stderr, scheduledBy } = await runUntilScheduled(['--global.sendAnonymousUsage=true'])
    for (const name of ['version check', 'usage report']) {
      const at = announced(stderr, name, scheduledBy)
      // Said to the second: between the spawn and the line, plus 10 minutes.
      expect(at).toBeGreaterThanOrEqual(Math.floor((startedAt + 10 * MINUTE) / 1000) * 1000)
      expect(at).toBeLessThanOrEqual(scheduledBy + 10 * MINUTE)
    }
    expect(stderr).toMatch(/\(in 10 minutes\)/)
    expect(stderr).toMatch(/stopped: SIGTERM received/)
    expect(stderr.indexOf('stopped:')).toBeGreaterThan(stderr.indexOf('first run at'))
  })

  it('a version check recorded an hour ago puts the first one off to 24 h ± 30 min after it', async () => {
    const home = sandbox()
    const lastCheck = Math.floor((Date.now() - HOUR) / 1000) * 1000
    mkdirSync(dirname(home.statePath), { recursive: true })
    const state = { installationKey: 'b'.repeat(64), lastCheckAt: new Date(lastCheck).toISOString(), reports: [] }
    writeFileSync(home.statePath, JSON.stringify(state), { mode: 0o600 })
    const { stderr, scheduledBy } = await runUntilScheduled([], {}, { home })
    const at = announced(stderr, 'version check', scheduledBy)
    expect(at).toBeGreaterThanOrEqual(lastCheck + 23.5 * HOUR - 1000)
    expect(at).toBeLessThanOrEqual(lastCheck + 24.5 * HOUR)
    expect(stderr).toMatch(/version check: first run at .* \(in 2\d h \d+ min\)/)
  })

  it('both off: says that nothing is scheduled; SIGINT is said', async () => {
    const args = ['--global.checkNewVersion=false']
    const { stderr } = await runUntilScheduled(args, {}, { signal: 'SIGINT' })
    expect(stderr).toContain('nothing scheduled: the version check and the usage report are both off')
    expect(stderr).not.toContain('first run at')
    expect(stderr).toMatch(/stopped: SIGINT received/)
  })
})
