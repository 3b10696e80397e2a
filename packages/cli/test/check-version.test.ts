import { describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME } from './run-cli.js'
import { releases, startServer } from './servers.js'

const RELEASES_PATH = '/repos/baqupio/baqup/releases'

describe('check-version against an update server', () => {
  it('names the newest release and the running one when a newer exists', async () => {
    const server = await startServer(
      releases('v3.2.0', { tag: 'v3.4.0', draft: true }, { tag: 'v3.3.0-rc.1', prerelease: true }, 'v3.1.0'),
    )
    const { code, stdout, stderr } = await runCli(['check-version', '--current=3.1.0', `--update-url=${server.url}`])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    // The draft and the prerelease are not offered to a stable version.
    expect(stdout).toBe(
      'a newer release is available: v3.2.0 (running 3.1.0), see https://example.test/releases/v3.2.0\n',
    )
    expect(server.received).toHaveLength(1)
    expect(server.received[0]).toMatchObject({ method: 'GET', path: RELEASES_PATH })
    expect(server.received[0]?.headers['user-agent']).toBe('baqup/3.1.0')
  })

  it('says up to date when no release is newer', async () => {
    const server = await startServer(releases('v3.1.0', 'v3.0.2'))
    const { code, stdout } = await runCli(['check-version', '--current=3.1.0', `--update-url=${server.url}`])
    expect(code).toBe(0)
    expect(stdout).toBe('up to date: no release newer than 3.1.0\n')
  })

  it('offers a newer prerelease to a prerelease', async () => {
    const server = await startServer(releases({ tag: 'v3.2.0-rc.2', prerelease: true }, 'v3.1.0'))
    const { stdout } = await runCli(['check-version', '--current=3.2.0-rc.1', `--update-url=${server.url}`])
    expect(stdout).toBe(
      'a newer release is available: v3.2.0-rc.2 (running 3.2.0-rc.1), see https://example.test/releases/v3.2.0-rc.2\n',
    )
  })

  it.each([
    ['a 500 answer', { status: 500, body: 'internal error' }, /500/],
    ['garbage', { status: 200, body: '<html>' }, /not JSON/],
  ])('fails with exit 1 on %s', async (_name, answer, reason) => {
    const server = await startServer(answer)
    const { code, stdout, stderr } = await runCli(['check-version', '--current=3.1.0', `--update-url=${server.url}`])
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^baqup-telemetry: version check failed/)
    expect(stderr).toMatch(reason)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(code).toBe(1)
  })

  it.each([
    ['http:', 'http://example.test/releases/v3.2.0'],
    ['with credentials', 'https://user:secret@example.test/releases/v3.2.0'],
    ['not printable ASCII', 'https://example.test/\u001b[31mv3.2.0'],
    ['not a string', 42],
  ])('leaves out a release link that is %s', async (_name, link) => {
    const body = JSON.stringify([{ tag_name: 'v3.2.0', html_url: link }])
    const server = await startServer({ status: 200, body })
    const { code, stdout } = await runCli(['check-version', '--current=3.1.0', `--update-url=${server.url}`])
    expect(code).toBe(0)
    expect(stdout).toBe('a newer release is available: v3.2.0 (running 3.1.0)\n')
  })

  it.each([
    [
      "the collector's error shape",
      503,
      '{"error":{"code":"no-releases","message":"no release list available"}}',
      'the server answered 503 Service Unavailable, saying "no release list available"',
    ],
    ["GitHub's", 404, '{"message":"Not Found"}', 'the server answered 404 Not Found, saying "Not Found"'],
    [
      'control characters and a long text',
      500,
      JSON.stringify({ error: { message: `\u001b[31mred\u001b[0m\n${'x'.repeat(500)}` } }),
      `the server answered 500 Internal Server Error, saying "?[31mred?[0m ${'x'.repeat(184)}..."`,
    ],
    ['a body that is not JSON', 500, 'internal error', 'the server answered 500 Internal Server Error'],
  ])(
    'an error answer in %s: the status and what the server said, made printable',
    async (_name, status, body, said) => {
      const server = await startServer({ status, body })
      const { code, stdout, stderr } = await runCli(['check-version', '--current=3.1.0', `--update-url=${server.url}`])
      expect(stdout).toBe('')
      expect(stderr).toBe(
        `baqup-telemetry: version check failed (${server.url}repos/baqupio/baqup/releases): ${said}\n`,
      )
      expect(code).toBe(1)
    },
  )

  it('BAQUP_TELEMETRY_UPDATE_URL chooses the server; --update-url wins over it', async () => {
    const fromEnv = await startServer(releases('v9.0.0'))
    const fromFlag = await startServer(releases('v3.1.0'))
    const env = { BAQUP_TELEMETRY_UPDATE_URL: fromEnv.url }
    const viaEnv = await runCli(['check-version', '--current=3.1.0'], { env })
    expect(viaEnv.stdout).toContain('v9.0.0')
    const viaFlag = await runCli(['check-version', '--current=3.1.0', `--update-url=${fromFlag.url}`], { env })
    expect(viaFlag.stdout).toContain('up to date')
    expect(fromEnv.received).toHaveLength(1)
    expect(fromFlag.received).toHaveLength(1)
  })

  it('refuses a plain http: server that is not loopback, as a usage error, before any connection', async () => {
    const args = ['check-version', '--current=3.1.0', '--update-url=http://update.example.test/']
    const { code, stderr } = await runCli(args)
    expect(stderr).toMatch(/only https: URLs are accepted/)
    expect(code).toBe(2)
  })

  it.each([
    ['1', { DO_NOT_TRACK: '1' }],
    ['true', { DO_NOT_TRACK: 'true' }],
    ['white space alone', { DO_NOT_TRACK: ' ' }],
  ])('honours DO_NOT_TRACK=%s: says why, exits 0 and makes no request', async (_name, env) => {
    const server = await startServer(releases('v9.0.0'))
    const { code, stdout, stderr } = await runCli(['check-version', '--current=3.1.0', `--update-url=${server.url}`], {
      env,
    })
    expect(stdout).toBe(
      'version check skipped: DO_NOT_TRACK is set in the environment, so nothing was sent ' +
        '(unset it, or add --force to ask the update server all the same)\n',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(server.received).toHaveLength(0)
  })

  it('honours DO_NOT_TRACK for the server named in BAQUP_TELEMETRY_UPDATE_URL too', async () => {
    const server = await startServer(releases('v9.0.0'))
    const env = { DO_NOT_TRACK: '1', BAQUP_TELEMETRY_UPDATE_URL: server.url }
    const { code } = await runCli(['check-version', '--current=3.1.0'], { env })
    expect(code).toBe(0)
    expect(server.received).toHaveLength(0)
  })

  it.each(['0', 'false', ''])('asks when DO_NOT_TRACK=%j says tracking is allowed', async (value) => {
    const server = await startServer(releases('v3.1.0'))
    const args = ['check-version', '--current=3.1.0', `--update-url=${server.url}`]
    const { code, stdout } = await runCli(args, { env: { DO_NOT_TRACK: value } })
    expect(stdout).toBe('up to date: no release newer than 3.1.0\n')
    expect(code).toBe(0)
    expect(server.received).toHaveLength(1)
  })

  it('--force asks under DO_NOT_TRACK, once', async () => {
    const server = await startServer(releases('v3.2.0'))
    const args = ['check-version', '--current=3.1.0', `--update-url=${server.url}`, '--force']
    const { code, stdout } = await runCli(args, { env: { DO_NOT_TRACK: '1' } })
    expect(stdout).toBe(
      'a newer release is available: v3.2.0 (running 3.1.0), see https://example.test/releases/v3.2.0\n',
    )
    expect(code).toBe(0)
    expect(server.received).toHaveLength(1)
  })

  it('--help names --force and what DO_NOT_TRACK does', async () => {
    const { stdout } = await runCli(['check-version', '--help'])
    expect(stdout).toMatch(/--force\s+Ask even when DO_NOT_TRACK is set/)
  })
})
