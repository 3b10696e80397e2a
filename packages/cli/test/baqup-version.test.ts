import { readFileSync } from 'node:fs'
import { BAQUP_VERSION } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { inspectJSON } from './inspection.js'
import { fixture, runCli, STACK_FRAME, sandbox } from './run-cli.js'
import { releases, startServer } from './servers.js'

const cliPackage = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
const OPT_IN = `--configFile=${fixture('opt-in.yaml')}`
const ENV = 'BAQUP_TELEMETRY_BAQUP_VERSION'

/** The version each way of running says: inspect's payload and headers, and what two real servers receive. */
async function versionsSeen(args: string[], env: Record<string, string> = {}) {
  const home = sandbox()
  const update = await startServer(releases('v99.0.0'))
  const collector = await startServer({ status: 202, body: '{}' })
  const endpoints = { BAQUP_TELEMETRY_UPDATE_URL: update.url, BAQUP_TELEMETRY_COLLECTOR_URL: collector.url }
  const options = { home, env: { ...endpoints, ...env } }
  const inspected = await inspectJSON([OPT_IN, ...args], options)
  const checked = await runCli(['check-version', ...args], options)
  const sent = await runCli(['send', OPT_IN, ...args], options)
  expect([checked.code, sent.code]).toEqual([0, 0])
  const { versionCheck, usageStatistics } = inspected.mechanisms
  return {
    payload: inspected.payload.version,
    shownUserAgents: [versionCheck.request?.headers['User-Agent'], usageStatistics.request?.headers['User-Agent']],
    checkVersionSays: checked.stdout,
    receivedUserAgents: [update.received[0]?.headers['user-agent'], collector.received[0]?.headers['user-agent']],
    sentPayload: JSON.parse(collector.received[0]?.body ?? '{}').version,
  }
}

describe('the running Baqup version', () => {
  it('is, by default, the version @baqup/schemas describes — not this tool’s own', async () => {
    expect(BAQUP_VERSION).not.toBe(cliPackage.version)
    const seen = await versionsSeen([])
    expect(seen).toEqual({
      payload: BAQUP_VERSION,
      shownUserAgents: [`baqup/${BAQUP_VERSION}`, `baqup/${BAQUP_VERSION}`],
      checkVersionSays: `a newer release is available: v99.0.0 (running ${BAQUP_VERSION}), see https://example.test/releases/v99.0.0\n`,
      receivedUserAgents: [`baqup/${BAQUP_VERSION}`, `baqup/${BAQUP_VERSION}`],
      sentPayload: BAQUP_VERSION,
    })
  })

  it.each([
    ['--baqup-version', ['--baqup-version=3.9.1'], {}],
    [ENV, [], { [ENV]: '3.9.1' }],
    ['--baqup-version over the environment', ['--baqup-version=3.9.1'], { [ENV]: '2.11.0' }],
  ])('%s overrides it in inspect, check-version and send alike', async (_name, args, env) => {
    const seen = await versionsSeen(args, env)
    expect(seen).toEqual({
      payload: '3.9.1',
      shownUserAgents: ['baqup/3.9.1', 'baqup/3.9.1'],
      checkVersionSays:
        'a newer release is available: v99.0.0 (running 3.9.1), see https://example.test/releases/v99.0.0\n',
      receivedUserAgents: ['baqup/3.9.1', 'baqup/3.9.1'],
      sentPayload: '3.9.1',
    })
  })

  it('is written in semver’s canonical form', async () => {
    const { payload } = await inspectJSON(['--baqup-version=v3.8.0'])
    expect(payload.version).toBe('3.8.0')
  })

  it('check-version --current still compares the version it names', async () => {
    const server = await startServer(releases('v3.8.1'))
    const args = ['check-version', '--current=3.8.1', '--baqup-version=3.7.0', `--update-url=${server.url}`]
    const { code, stdout } = await runCli(args)
    expect(code).toBe(0)
    expect(stdout).toBe('up to date: no release newer than 3.8.1\n')
    expect(server.received[0]?.headers['user-agent']).toBe('baqup/3.8.1')
  })

  it('dev: the version check is skipped without a request; the payload says dev', async () => {
    const server = await startServer(releases('v3.8.1'))
    const env = { [ENV]: 'dev', BAQUP_TELEMETRY_UPDATE_URL: server.url }
    const { code, stdout } = await runCli(['check-version'], { env })
    expect(code).toBe(0)
    expect(stdout).toBe('version check skipped: the running version "dev" is not a release version\n')
    expect(server.received).toEqual([])
    const inspected = await inspectJSON([], { env })
    expect(inspected.payload.version).toBe('dev')
    expect(inspected.mechanisms.versionCheck.request).toBeUndefined()
  })

  describe.each([
    ['--baqup-version', (value: string) => ({ args: [`--baqup-version=${value}`], env: {} })],
    [ENV, (value: string) => ({ args: [], env: { [ENV]: value } })],
  ])('a value from %s that is not a version', (origin, given) => {
    it.each([['inspect'], ['send'], ['check-version'], ['run'], ['flags'], ['schema'], ['history']])(
      'is a usage error on %s, naming where it came from',
      async (command) => {
        const { args, env } = given('latest')
        const { code, stdout, stderr } = await runCli([command, ...args], { env })
        expect(stderr).toBe(
          `baqup-telemetry: ${origin}: not a Baqup version: expected a release version such as ${BAQUP_VERSION}, ` +
            'or dev (found "latest")\n',
        )
        expect(stderr).not.toMatch(STACK_FRAME)
        expect(stdout).toBe('')
        expect(code).toBe(2)
      },
    )
  })
})

describe('--version', () => {
  it('prints this tool’s own version', async () => {
    const { code, stdout } = await runCli(['--version'])
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^baqup-telemetry/${cliPackage.version.replaceAll('.', '\\.')} `))
  })

  it('does not follow --baqup-version', async () => {
    const { stdout } = await runCli(['--version', '--baqup-version=3.9.1'])
    expect(stdout).toContain(cliPackage.version)
    expect(stdout).not.toContain('3.9.1')
  })
})
