import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME } from './run-cli.js'

const folder = mkdtempSync(join(tmpdir(), 'baqup-all-errors-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
function file(name: string, content: string): string {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}

const typos = file(
  'typo.yaml',
  'entryPoints:\n  web:\n    adress: ":80"\nlog:\n  levl: DEBUG\napi:\n  dashbord: true\n',
)
const typeErrors = file(
  'types.yaml',
  'global:\n  checkNewVersion: maybe\nserversTransport:\n  maxIdleConnsPerHost: many\napi:\n  insecure: 3\nlog:\n  maxSize: [1, 2]\n',
)
const v2 = file(
  'v2.yaml',
  [
    'entryPoints:',
    '  web:',
    '    address: ":80"',
    'tracing:',
    '  jaeger:',
    '    samplingServerURL: http://localhost:5778/sampling',
    'api:',
    '  dashbord: true',
    '  insecure: true',
    'pilot:',
    '  token: abc',
    'log:',
    '  levl: DEBUG',
    '',
  ].join('\n'),
)

/** The error lines, as `where: path` (location and option, without the rest of the message). */
function lines(stderr: string): string[] {
  return stderr
    .trimEnd()
    .split('\n')
    .map((line) => line.replace(`${folder}/`, ''))
}

describe('every configuration error in one run', () => {
  it('3 typos: 3 located errors, exit 2', async () => {
    const { code, stderr } = await runCli(['inspect', `--configFile=${typos}`])
    expect(code).toBe(2)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(lines(stderr)).toEqual([
      'baqup-telemetry: typo.yaml:3:5: entryPoints.web.adress: unknown option — did you mean "address"?',
      'baqup-telemetry: typo.yaml:5:3: log.levl: unknown option — did you mean "level"?',
      'baqup-telemetry: typo.yaml:7:3: api.dashbord: unknown option — did you mean "dashboard"?',
    ])
  })

  it('4 type errors: 4 located errors', async () => {
    const { code, stderr } = await runCli(['inspect', `--configFile=${typeErrors}`])
    expect(code).toBe(2)
    expect(lines(stderr).map((line) => line.split(': ').slice(1, 3).join(': '))).toEqual([
      'types.yaml:2:20: global.checkNewVersion',
      'types.yaml:4:24: serversTransport.maxIdleConnsPerHost',
      'types.yaml:6:13: api.insecure',
      'types.yaml:8:12: log.maxSize',
    ])
  })

  it('a v2 file: removed and unknown options in line order (tracing.jaeger before pilot)', async () => {
    const { code, stderr } = await runCli(['inspect', `--configFile=${v2}`])
    expect(code).toBe(2)
    expect(lines(stderr).map((line) => line.split(': ').slice(1, 3).join(': '))).toEqual([
      'v2.yaml:5:3: tracing.jaeger',
      'v2.yaml:8:3: api.dashbord',
      'v2.yaml:10:1: pilot',
      'v2.yaml:13:3: log.levl',
    ])
  })

  it('25 errors: the first 20, then "… and 5 more"', async () => {
    const keys = Array.from({ length: 25 }, (_, index) => `  typo${index}: 1`)
    const many = file('many.yaml', `log:\n${keys.join('\n')}\n`)
    const { code, stderr } = await runCli(['inspect', `--configFile=${many}`])
    expect(code).toBe(2)
    const printed = lines(stderr)
    expect(printed).toHaveLength(21)
    expect(printed[19]).toBe('baqup-telemetry: many.yaml:21:3: log.typo19: unknown option')
    expect(printed[20]).toBe('baqup-telemetry: … and 5 more')
  })

  it('--json: `errors` holds the 3 errors, `error` the first', async () => {
    const { code, stdout } = await runCli(['inspect', '--json', `--configFile=${typos}`])
    expect(code).toBe(2)
    const document = JSON.parse(stdout)
    expect(document.errors).toHaveLength(3)
    expect(document.error).toEqual(document.errors[0])
    expect(document.more).toBeUndefined()
    expect(document.errors.map((error: { line: number; path: string }) => [error.line, error.path])).toEqual([
      [3, 'entryPoints.web.adress'],
      [5, 'log.levl'],
      [7, 'api.dashbord'],
    ])
  })

  it('--json: a capped list says how many more', async () => {
    const keys = Array.from({ length: 25 }, (_, index) => `  typo${index}: 1`)
    const many = file('many-json.yaml', `log:\n${keys.join('\n')}\n`)
    const { stdout } = await runCli(['inspect', '--json', `--configFile=${many}`])
    const document = JSON.parse(stdout)
    expect([document.errors.length, document.more]).toEqual([20, 5])
  })

  it('flags: every bad flag, in argument order', async () => {
    const { code, stderr } = await runCli([
      'inspect',
      '--log.maxSize=big',
      '--entryPoints.web.adress=:80',
      '--api.insecure=maybe',
      '--log.levl=DEBUG',
    ])
    expect(code).toBe(2)
    expect(lines(stderr).map((line) => line.split(': ')[1])).toEqual([
      '--log.maxSize',
      '--entryPoints.web.adress',
      '--api.insecure',
      '--log.levl',
    ])
  })

  it('environment: every bad variable, in name order', async () => {
    const env = { BAQUP_LOG_MAXSIZE: 'big', BAQUP_API_INSECURE: 'maybe', BAQUP_LOG_LEVL: 'DEBUG' }
    const { code, stderr } = await runCli(['inspect'], { env })
    expect(code).toBe(2)
    expect(lines(stderr).map((line) => line.split(': ')[1])).toEqual([
      'BAQUP_API_INSECURE',
      'BAQUP_LOG_LEVL',
      'BAQUP_LOG_MAXSIZE',
    ])
  })
})
