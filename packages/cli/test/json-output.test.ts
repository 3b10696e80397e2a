import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectJSON } from './inspection.js'
import { ANSI, type CliOptions, type CliResult, example, fixture, runCli, STACK_FRAME, sandbox } from './run-cli.js'
import { closedPort, releases, startServer } from './servers.js'

/** Every error object has these keys, `null` where one does not apply. */
const ERROR_KEYS = ['code', 'message', 'source', 'line', 'column', 'path', 'suggestion', 'expected', 'found']
/** Operation failures add the operation and the server's status. */
const OPERATION_KEYS = [...ERROR_KEYS, 'operation', 'status']
const CHECK_VERSION_KEYS = ['checked', 'reason', 'message', 'current', 'newest', 'newer', 'url', 'releaseUrl']
const SEND_KEYS = ['sent', 'reason', 'message', 'url', 'status', 'outcome', 'bodySha256', 'warnings']

/** Colour asked for as hard as the environment can: JSON must stay plain all the same. */
const COLOUR = { FORCE_COLOR: '1' }

/** A printed document: an error document, or a command's result (the tests read a few fields). */
interface Printed {
  [key: string]: unknown
  error: Record<string, unknown> & { message: string }
  errors: unknown[]
  message: string
  warnings: unknown[]
}

/** Runs with --json and FORCE_COLOR=1, and checks that stdout is one JSON document, plain, and stderr says nothing. */
async function runJSON(args: string[], options: CliOptions = {}): Promise<CliResult & { json: Printed }> {
  const result = await runCli(args, { ...options, env: { ...COLOUR, ...options.env } })
  expect(result.stdout).not.toMatch(ANSI)
  expect(result.stderr).toBe('')
  // One document and nothing after it (JSON.parse below refuses anything before it).
  expect(result.stdout).toMatch(/[}\]]\n$/)
  return { ...result, json: JSON.parse(result.stdout) as Printed }
}

function fileWith(name: string, text: string): string {
  const path = join(mkdtempSync(join(sandbox().dir, 'config-')), name)
  writeFileSync(path, text)
  return path
}

describe('errors under --json: one JSON document on stdout, the exit code of the contract', () => {
  const misspelled = () => fileWith('baqup.yaml', 'entryPoints:\n  web:\n    adress: ":80"\n')
  const broken = () => fileWith('baqup.yaml', 'log:\n  level: [\n')
  const brokenTOML = () => fileWith('baqup.toml', '[log]\nlevel = \n')

  it.each([
    ['an unknown command', () => ['inspetc', '--json'], { code: 'usage', source: 'inspetc', suggestion: 'inspect' }],
    ['an unknown CLI option', () => ['inspect', '--json', '--jsno'], { code: 'usage', source: '--jsno' }],
    [
      'an unknown option of send',
      () => ['send', '--json', '--dry-rnu'],
      { code: 'usage', source: '--dry-rnu', suggestion: '--dry-run' },
    ],
    ['a bad --format', () => ['inspect', '--json', '--format=xml'], { code: 'usage', source: '--format' }],
    [
      'a bad --baqup-version',
      () => ['send', '--json', '--baqup-version=next'],
      { code: 'usage', source: '--baqup-version' },
    ],
    [
      'configuration flags where none apply',
      () => ['flags', '--json', '--log.level=DEBUG'],
      { code: 'usage', source: '--log.level' },
    ],
    [
      'an unknown configuration flag',
      () => ['inspect', '--json', '--entryPoints.web.adress=:80'],
      {
        code: 'unknown-option',
        source: '--entryPoints.web.adress',
        path: 'entryPoints.web.adress',
        suggestion: 'address',
      },
    ],
    [
      'an unknown key in a file',
      () => ['inspect', '--json', `--configFile=${misspelled()}`],
      { code: 'unknown-option', line: 3, column: 5, path: 'entryPoints.web.adress', suggestion: 'address' },
    ],
    [
      'a value of the wrong type',
      () => ['inspect', '--json', '--global.checkNewVersion=maybe'],
      { code: 'invalid-value', path: 'global.checkNewVersion', found: '"maybe"' },
    ],
    ['a YAML syntax error', () => ['send', '--json', `--configFile=${broken()}`], { code: 'parse-error', line: 3 }],
    [
      'a TOML syntax error',
      () => ['inspect', '--json', `--configFile=${brokenTOML()}`],
      { code: 'parse-error', line: 2 },
    ],
    [
      'a missing file',
      () => ['inspect', '--json', '--configFile=/nonexistent/baqup.yaml'],
      { code: 'file-error', source: '/nonexistent/baqup.yaml', line: null, path: null },
    ],
  ])('%s: exit 2, the documented keys', async (_name, args, expected) => {
    const { code, json } = await runJSON(args())
    expect(code).toBe(2)
    expect(Object.keys(json)).toEqual(['error', 'errors'])
    expect(Object.keys(json.error)).toEqual(ERROR_KEYS)
    expect(json.error).toMatchObject({ code: expect.any(String), ...expected })
    expect(['usage', 'unknown-option', 'invalid-value', 'parse-error', 'file-error']).toContain(json.error.code)
    expect(json.error.message).not.toMatch(STACK_FRAME)
    expect(json.errors).toEqual([json.error])
  })

  it('the message is the line printed without --json', async () => {
    const args = ['inspect', '--entryPoints.web.adress=:80']
    const text = await runCli(args)
    const { json } = await runJSON([...args, '--json'])
    expect(text.stderr).toBe(`baqup-telemetry: ${json.error.message}\n`)
    expect(text.stdout).toBe('')
  })

  it('the suggestion of an unknown CLI option is the option to type', async () => {
    const { json } = await runJSON(['check-version', '--json', '--update-ulr=https://update.example.test/'])
    expect(json.error).toMatchObject({ code: 'usage', source: '--update-ulr', suggestion: '--update-url' })
  })

  it('a refused endpoint names where it came from', async () => {
    const env = { BAQUP_TELEMETRY_UPDATE_URL: 'http://update.example.test/' }
    const { code, json } = await runJSON(['check-version', '--json'], { env })
    expect(code).toBe(2)
    expect(json.error).toMatchObject({ code: 'usage', source: 'BAQUP_TELEMETRY_UPDATE_URL' })
  })

  it('no answer at all: exit 1, code network, the endpoint and the operation', async () => {
    const url = await closedPort()
    const { code, json } = await runJSON(['check-version', '--json', `--update-url=${url}`])
    expect(code).toBe(1)
    expect(Object.keys(json.error)).toEqual(OPERATION_KEYS)
    expect(json.error).toMatchObject({
      code: 'network',
      source: `${url}repos/baqupio/baqup/releases`,
      operation: 'version-check',
      status: null,
    })
  })

  it.each([
    ['an error status', { status: 500, body: 'down' }, 500],
    ['an answer that is not releases', { status: 200, body: '<html>' }, 200],
  ])('the update server answers with %s: exit 1, code bad-answer, its status', async (_name, answer, status) => {
    const server = await startServer(answer)
    const { code, json } = await runJSON(['check-version', '--json', `--update-url=${server.url}`])
    expect(code).toBe(1)
    expect(json.error).toMatchObject({ code: 'bad-answer', operation: 'version-check', status })
  })

  it('a collector answering 500 to send --json: exit 1, code bad-answer, operation usage-report', async () => {
    const collector = await startServer({ status: 500, body: '{}' })
    const args = ['send', '--json', '--global.sendAnonymousUsage=true', `--collector-url=${collector.url}`]
    const { code, json } = await runJSON(args)
    expect(code).toBe(1)
    expect(json.error).toMatchObject({ code: 'bad-answer', operation: 'usage-report', status: 500 })
    expect(collector.received).toHaveLength(1)
  })
})

describe('check-version --json', () => {
  const args = (server: { url: string }) => ['check-version', '--json', '--current=3.1.0', `--update-url=${server.url}`]

  it('a newer release: checked, newest, newer', async () => {
    const server = await startServer(releases('v3.2.0', 'v3.1.0'))
    const { code, json } = await runJSON(args(server))
    expect(code).toBe(0)
    expect(Object.keys(json)).toEqual(CHECK_VERSION_KEYS)
    expect(json).toEqual({
      checked: true,
      reason: null,
      message: 'a newer release is available: v3.2.0 (running 3.1.0), see https://example.test/releases/v3.2.0',
      current: '3.1.0',
      newest: 'v3.2.0',
      newer: true,
      url: `${server.url}repos/baqupio/baqup/releases`,
      releaseUrl: 'https://example.test/releases/v3.2.0',
    })
  })

  it('up to date: newer false', async () => {
    const server = await startServer(releases('v3.1.0'))
    const { json } = await runJSON(args(server))
    expect(json).toMatchObject({ checked: true, reason: null, newest: 'v3.1.0', newer: false })
  })

  it('DO_NOT_TRACK: not checked, reason do-not-track, no request', async () => {
    const server = await startServer(releases('v3.2.0'))
    const { code, json } = await runJSON(args(server), { env: { DO_NOT_TRACK: '1' } })
    expect(code).toBe(0)
    expect(Object.keys(json)).toEqual(CHECK_VERSION_KEYS)
    expect(json).toMatchObject({ checked: false, reason: 'do-not-track', newest: null, newer: false, releaseUrl: null })
    expect(json.message).toMatch(/DO_NOT_TRACK/)
    expect(server.received).toEqual([])
  })
})

describe('send --json', () => {
  const optIn = `--configFile=${fixture('opt-in.yaml')}`

  it('statistics off: not sent, reason disabled, the way to switch them on', async () => {
    const collector = await startServer({ status: 202, body: '{}' })
    const { code, json } = await runJSON(['send', '--json', `--collector-url=${collector.url}`])
    expect(code).toBe(0)
    expect(Object.keys(json)).toEqual(SEND_KEYS)
    expect(json).toMatchObject({ sent: false, reason: 'disabled', url: collector.url, status: null, outcome: null })
    expect(json.message).toMatch(/--global\.sendAnonymousUsage=true/)
    expect(collector.received).toEqual([])
  })

  it('DO_NOT_TRACK: reason do-not-track', async () => {
    const { json } = await runJSON(['send', '--json', optIn], { env: { DO_NOT_TRACK: '1' } })
    expect(json).toMatchObject({ sent: false, reason: 'do-not-track' })
  })

  it('--dry-run: the exact request inspect shows, nothing sent, warnings inside the JSON', async () => {
    const home = sandbox()
    const collector = await startServer({ status: 202, body: '{}' })
    // Ignored because a file is given: a warning, which JSON mode keeps off stderr.
    const env = { BAQUP_LOG_LEVEL: 'DEBUG', BAQUP_TELEMETRY_COLLECTOR_URL: collector.url }
    const { code, json } = await runJSON(['send', '--json', '--dry-run', optIn], { home, env })
    expect(code).toBe(0)
    expect(Object.keys(json)).toEqual([...SEND_KEYS.slice(0, -1), 'request', 'warnings'])
    expect(json).toMatchObject({ sent: false, reason: 'dry-run', bodySha256: null })
    expect(json.warnings).toEqual([expect.stringMatching(/^BAQUP_LOG_LEVEL ignored/)])
    const inspected = await inspectJSON([optIn], { home, env })
    expect(json.request).toEqual(inspected.mechanisms.usageStatistics.request)
    expect(collector.received).toEqual([])
  })

  it('a report sent: status, outcome and the body SHA-256 history lists', async () => {
    const home = sandbox()
    const collector = await startServer({ status: 202, body: '{}' })
    const { code, json } = await runJSON(['send', '--json', optIn, `--collector-url=${collector.url}`], { home })
    expect(code).toBe(0)
    expect(Object.keys(json)).toEqual(SEND_KEYS)
    const bodySha256 = createHash('sha256')
      .update(collector.received[0]?.body ?? '')
      .digest('hex')
    expect(json).toMatchObject({ sent: true, reason: null, url: collector.url, status: 202, outcome: 'answered' })
    expect(json.bodySha256).toBe(bodySha256)
    expect(json.warnings).toEqual([])
    const trail = JSON.parse((await runCli(['history', '--json'], { home })).stdout)
    expect(trail.reports[0]).toMatchObject({ status: 202, bodySha256 })
  })
})

describe('no colour under --json, even with FORCE_COLOR=1', () => {
  it.each([
    ['inspect', ['inspect', '--json', `--configFile=${example('baqup.yaml')}`]],
    ['inspect --explain', ['inspect', '--json', '--explain', `--configFile=${example('baqup.yaml')}`]],
    ['flags', ['flags', '--json']],
    ['history', ['history', '--json']],
  ])('%s', async (_name, args) => {
    const { code } = await runJSON(args)
    expect(code).toBe(0)
  })
})
