import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeConfiguration, EXAMPLE_ANONYMIZED, inspectJSON } from './inspection.js'
import { example, fixture, runCli, STACK_FRAME, sandbox } from './run-cli.js'
import { startServer } from './servers.js'

const OPT_IN = '--global.sendAnonymousUsage=true'
const accepted = { status: 202, body: '{}' }

describe('send: nothing leaves when the configuration says no', () => {
  it.each([
    ['statistics off by default', [], {}, /disabled \(decided by: default\).*--global\.sendAnonymousUsage=true/],
    ['statistics switched off', ['--global.sendAnonymousUsage=false'], {}, /decided by: flag/],
    ['DO_NOT_TRACK=1', [OPT_IN], { DO_NOT_TRACK: '1' }, /decided by: DO_NOT_TRACK.*unset DO_NOT_TRACK/],
  ])('%s', async (_name, args, env, why) => {
    const collector = await startServer(accepted)
    const { code, stdout } = await runCli(['send', `--collector-url=${collector.url}`, ...args], { env })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^nothing sent: usage statistics are disabled/)
    expect(stdout).toMatch(why)
    expect(collector.received).toEqual([])
  })

  it('--dry-run prints the exact request and sends nothing', async () => {
    const home = sandbox()
    const collector = await startServer(accepted)
    const config = `--configFile=${fixture('opt-in.yaml')}`
    const { code, stdout, stderr } = await runCli(['send', '--dry-run', `--collector-url=${collector.url}`, config], {
      home,
    })
    expect(code).toBe(0)
    expect(stderr).toContain('nothing was sent')
    expect(collector.received).toEqual([])
    const [requestLine, ...rest] = stdout.trimEnd().split('\n')
    expect(requestLine).toBe(`POST ${collector.url}`)
    expect(rest).toContain('Content-Type: application/json; charset=utf-8')
    const body = JSON.parse(rest.at(-1) as string)
    const inspected = await inspectJSON([config], { home })
    expect(body).toEqual(inspected.payload)
  })
})

describe('send: a real report', () => {
  it('reaches the collector with the anonymized copy and hash inspect shows, then history lists it', async () => {
    const home = sandbox()
    const collector = await startServer(accepted)
    const config = `--configFile=${fixture('opt-in.yaml')}`
    const sent = await runCli(['send', `--collector-url=${collector.url}`, config], { home })
    expect(sent.stderr).toBe('')
    expect(sent.code).toBe(0)
    expect(sent.stdout).toMatch(new RegExp(`^sent to ${collector.url}: status 202`))
    expect(collector.received).toHaveLength(1)
    const [request] = collector.received
    expect(request?.method).toBe('POST')
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = JSON.parse(request?.body ?? '')
    const inspected = await inspectJSON([config], { home })
    expect(JSON.parse(decodeConfiguration(body.configuration))).toEqual(inspected.anonymized)
    expect(body.hash).toBe(inspected.hash)
    expect(inspected.anonymized).toEqual({ global: { sendAnonymousUsage: true }, ...EXAMPLE_ANONYMIZED })
    expect(Object.keys(body)).toEqual(['version', 'codename', 'buildDate', 'configuration', 'hash'])

    const history = await runCli(['history'], { home })
    expect(history.code).toBe(0)
    expect(history.stdout).toMatch(
      new RegExp(`^\\S+Z\\s+1\\s+202\\s+answered\\s+${collector.url}\\s+[0-9a-f]{64}$`, 'm'),
    )
    const trail = JSON.parse((await runCli(['history', '--json'], { home })).stdout)
    expect(trail.statePath).toBe(home.statePath)
    const bodySha256 = createHash('sha256')
      .update(request?.body ?? '')
      .digest('hex')
    expect(trail.reports).toEqual([
      { at: expect.any(String), try: 1, url: collector.url, status: 202, outcome: 'answered', bodySha256 },
    ])
    expect(trail.lastReportAt).not.toBeNull()
  })

  it('an opt-in from the environment is ignored when a file is given: nothing is sent', async () => {
    const collector = await startServer(accepted)
    const args = ['send', `--collector-url=${collector.url}`, `--configFile=${example('baqup.yaml')}`]
    const { code, stdout } = await runCli(args, { env: { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'true' } })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^nothing sent/)
    expect(collector.received).toEqual([])
  })

  it('BAQUP_TELEMETRY_COLLECTOR_URL chooses the collector; --collector-url wins over it', async () => {
    const fromEnv = await startServer(accepted)
    const fromFlag = await startServer(accepted)
    const env = { BAQUP_TELEMETRY_COLLECTOR_URL: fromEnv.url }
    expect((await runCli(['send', OPT_IN], { env })).code).toBe(0)
    expect(fromEnv.received).toHaveLength(1)
    expect((await runCli(['send', OPT_IN, `--collector-url=${fromFlag.url}`], { env })).code).toBe(0)
    expect(fromFlag.received).toHaveLength(1)
    expect(fromEnv.received).toHaveLength(1)
  })

  it('a collector that answers 500 received the report all the same: exit 1, and history lists it', async () => {
    const home = sandbox()
    const collector = await startServer({ status: 500, body: 'down' })
    const sent = await runCli(['send', `--collector-url=${collector.url}`, OPT_IN], { home })
    expect(sent.code).toBe(1)
    expect(sent.stderr).toMatch(/usage report failed .*500/)
    expect(collector.received).toHaveLength(1)
    const trail = JSON.parse((await runCli(['history', '--json'], { home })).stdout)
    const bodySha256 = createHash('sha256')
      .update(collector.received[0]?.body ?? '')
      .digest('hex')
    expect(trail.reports).toEqual([
      { at: expect.any(String), try: 1, url: collector.url, status: 500, outcome: 'answered', bodySha256 },
    ])
  })

  it.each([
    ['redirects the report elsewhere (307)', 307, 'redirect-refused'],
    ['redirects the report elsewhere (308)', 308, 'redirect-refused'],
    ['answers 200 with more than 1 MiB', 200, 'too-large'],
  ])(
    'a collector that %s got the report: exit 1, history lists it with the outcome',
    async (_name, status, outcome) => {
      const home = sandbox()
      const elsewhere = await startServer(accepted)
      const redirected = status !== 200
      const collector = await startServer({
        status,
        body: redirected ? '' : ' '.repeat(2 * 1024 * 1024),
        headers: redirected ? { location: `${elsewhere.url}downgraded?token=s3cret` } : {},
      })
      const sent = await runCli(['send', `--collector-url=${collector.url}collect`, OPT_IN], { home })
      expect(sent.code).toBe(1)
      expect(sent.stderr).toMatch(/^baqup-telemetry: usage report failed/)
      expect(sent.stderr).not.toMatch(/s3cret|downgraded/)
      expect(collector.received).toHaveLength(1)
      expect(elsewhere.received).toEqual([])
      const bodySha256 = createHash('sha256')
        .update(collector.received[0]?.body ?? '')
        .digest('hex')
      const trail = JSON.parse((await runCli(['history', '--json'], { home })).stdout)
      expect(trail.reports).toEqual([
        { at: expect.any(String), try: 1, url: `${collector.url}collect`, status, outcome, bodySha256 },
      ])
      const table = (await runCli(['history'], { home })).stdout
      expect(table).toMatch(
        new RegExp(`^\\S+Z\\s+1\\s+${status}\\s+${outcome}\\s+${collector.url}collect\\s+${bodySha256}$`, 'm'),
      )
      expect(table).toMatch(new RegExp(`^${outcome}: \\S`, 'm'))
    },
  )

  it('history starts empty, and looking at it creates no state file and no key', async () => {
    const home = sandbox()
    const { code, stdout } = await runCli(['history'], { home })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^no usage report sent/)
    expect(existsSync(home.statePath)).toBe(false)
  })
})

describe('send: refused endpoints', () => {
  it.each([
    ['--collector-url', (url: string) => ({ args: [`--collector-url=${url}`], env: {} })],
    ['BAQUP_TELEMETRY_COLLECTOR_URL', (url: string) => ({ args: [], env: { BAQUP_TELEMETRY_COLLECTOR_URL: url } })],
  ])('a plain http: collector that is not loopback, from %s, is a usage error', async (_name, given) => {
    const { args, env } = given('http://collector.example.test/')
    const { code, stdout, stderr } = await runCli(['send', OPT_IN, ...args], { env })
    expect(stderr).toMatch(/only https: URLs are accepted/)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(stdout).toBe('')
    expect(code).toBe(2)
  })
})
