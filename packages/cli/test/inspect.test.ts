import { BAQUP_VERSION } from '@baqup/schemas'
import { parse as parseTOML } from '@iarna/toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYAML } from 'yaml'
import {
  decodeConfiguration,
  dedent,
  EXAMPLE_ANONYMIZED,
  type InspectJSON,
  inspectJSON,
  section,
} from './inspection.js'
import { example, runCli, sandbox } from './run-cli.js'

/** The Baqup version the payload and the User-Agent speak for (not this tool's own). */
const version = BAQUP_VERSION
/** `config`, the configuration in clear, only with --include-config. */
const CONTRACT_KEYS = ['source', 'warnings', 'global', 'anonymized', 'hash', 'payload', 'mechanisms']
const EXAMPLES = ['baqup.yaml', 'baqup.toml']

describe.each(EXAMPLES)('inspect --json on examples/%s', (name) => {
  it('prints one JSON object with the contract keys and nothing else', async () => {
    const { code, stdout, stderr } = await runCli(['inspect', '--json', `--configFile=${example(name)}`])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const report = JSON.parse(stdout) as InspectJSON
    expect(Object.keys(report).sort()).toEqual([...CONTRACT_KEYS].sort())
    expect(report.source).toEqual({ kind: 'file', path: example(name) })
    expect(report.warnings).toEqual([])
    expect(report.global).toEqual({ checkNewVersion: true, sendAnonymousUsage: false })
    expect(stdout).not.toContain('10.10.10.10')
  })

  it('adds the configuration in clear with --include-config only', async () => {
    const report = await inspectJSON(['--include-config', `--configFile=${example(name)}`])
    expect(Object.keys(report).sort()).toEqual([...CONTRACT_KEYS, 'config'].sort())
    expect(report.config).toMatchObject({ providers: { docker: { endpoint: 'tcp://10.10.10.10:2375' } } })
  })

  it('anonymizes the example exactly as documented, and the payload carries that copy', async () => {
    const report = await inspectJSON([`--configFile=${example(name)}`])
    expect(report.anonymized).toEqual(EXAMPLE_ANONYMIZED)
    expect(decodeConfiguration(report.payload.configuration)).toBe(JSON.stringify(report.anonymized))
    expect(report.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(report.payload).toMatchObject({ version, hash: report.hash })
    expect(report.mechanisms.usageStatistics.request?.body).toBe(JSON.stringify(report.payload))
  })
})

describe('inspect hash', () => {
  it('is the same for the YAML and TOML examples with the same state file, another with another key', async () => {
    const home = sandbox()
    const [yaml, toml] = await Promise.all(
      EXAMPLES.map((name) => inspectJSON([`--configFile=${example(name)}`], { home })),
    )
    expect(yaml?.hash).toBe(toml?.hash)
    expect(yaml?.hash).toMatch(/^[0-9a-f]{64}$/)
    const elsewhere = await inspectJSON([`--configFile=${example('baqup.yaml')}`])
    expect(elsewhere.hash).not.toBe(yaml?.hash)
  })

  it('is the same for many first runs started at once: they agree on one installation key', async () => {
    const home = sandbox()
    const runs = await Promise.all(
      Array.from({ length: 8 }, () => inspectJSON([`--configFile=${example('baqup.yaml')}`], { home })),
    )
    const hashes = new Set(runs.map((run) => run.hash))
    expect(hashes.size).toBe(1)
    expect((await inspectJSON([`--configFile=${example('baqup.yaml')}`], { home })).hash).toBe(runs[0]?.hash)
  })

  it('changes when a masked value changes, though the anonymized copy does not', async () => {
    const home = sandbox()
    const first = await inspectJSON(['--providers.docker.endpoint=tcp://10.0.0.1:2375'], { home })
    const second = await inspectJSON(['--providers.docker.endpoint=tcp://10.0.0.2:2375'], { home })
    expect(first.anonymized).toEqual(second.anonymized)
    expect(first.hash).not.toBe(second.hash)
  })
})

describe.each(EXAMPLES)('inspect (human) on examples/%s', (name) => {
  it('shows the source, both mechanisms, their requests, the anonymized YAML, the hash and the payload size', async () => {
    const home = sandbox()
    const { code, stdout, stderr } = await runCli(['inspect', `--configFile=${example(name)}`], { home })
    const json = await inspectJSON([`--configFile=${example(name)}`], { home })
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toContain(`Configuration  file ${example(name)}`)
    expect(stdout).toMatch(/^Version check {2}enabled {2}\(decided by: default\)$/m)
    expect(stdout).toMatch(/^Usage statistics {2}disabled {2}\(decided by: default\)$/m)
    expect(stdout).toContain('GET https://update.baqup.io/repos/baqupio/baqup/releases')
    expect(stdout).toContain('POST https://collect.baqup.io/')
    expect(stdout).toContain(`User-Agent: baqup/${version}`)
    expect(stdout).toContain('Content-Type: application/json; charset=utf-8')
    const anonymized = dedent(section(stdout, 'Anonymized configuration (yaml)', 'Hash'))
    expect(parseYAML(anonymized)).toEqual(EXAMPLE_ANONYMIZED)
    expect(stdout).toMatch(new RegExp(`^Hash +${json.hash}\\b`, 'm'))
    expect(stdout).toMatch(new RegExp(`^Payload +${Buffer.byteLength(JSON.stringify(json.payload))} bytes$`, 'm'))
    expect(stdout).not.toContain('10.10.10.10')
    expect(stdout).not.toContain('dockerCA')
  })
})

describe('inspect refuses the endpoints send and check-version refuse', () => {
  it.each([
    ['BAQUP_TELEMETRY_COLLECTOR_URL', ['send', '--global.sendAnonymousUsage=true']],
    ['BAQUP_TELEMETRY_UPDATE_URL', ['check-version']],
  ])('%s=ftp://x: a usage error, exit 2, as %j', async (variable, sender) => {
    const env = { [variable]: 'ftp://x' }
    const message = `${variable}: only https: URLs are accepted (plain http: only for loopback addresses), found ftp://x`
    for (const args of [['inspect'], sender]) {
      const { code, stdout, stderr } = await runCli(args, { env })
      expect({ args, code, stdout, stderr }).toEqual({
        args,
        code: 2,
        stdout: '',
        stderr: `baqup-telemetry: ${message}\n`,
      })
    }
    // Under --json, the same error is JSON on stdout.
    const { code, stdout, stderr } = await runCli(['inspect', '--json'], { env })
    expect({ code, stderr }).toEqual({ code: 2, stderr: '' })
    expect(JSON.parse(stdout).error).toMatchObject({ code: 'usage', message, source: variable })
  })
})

describe('inspect never prints a value that is not exported, unless asked with --include-config', () => {
  /** Non-exported options of every kind, each holding a secret. */
  const SECRETS = [
    '--accessLog.filePath=/home/alice/hunter2-SECRET-path',
    '--accessLog.otlp.http.headers.Authorization=Bearer hunter2-SECRET-header',
    '--accessLog.otlp.grpc.tls.key=hunter2-SECRET-key',
    '--api.dashboardName=hunter2-SECRET-name',
    '--certificatesResolvers.le.acme.caServer=https://hunter2-SECRET-ca.example/dir',
  ]
  it.each([
    ['--json', ['--json']],
    ['--json --explain', ['--json', '--explain']],
    ['the human report', []],
    ['--explain', ['--explain']],
    ['--format=json', ['--format=json']],
  ])('%s', async (_name, options) => {
    const { code, stdout, stderr } = await runCli(['inspect', ...options, ...SECRETS])
    expect(code).toBe(0)
    expect(stdout + stderr).not.toContain('SECRET')
  })

  it('--include-config shows them, and its help says so', async () => {
    const { code, stdout } = await runCli(['inspect', '--json', '--include-config', ...SECRETS])
    expect(code).toBe(0)
    expect(stdout.match(/hunter2-SECRET/g)).toHaveLength(SECRETS.length)
    const help = await runCli(['inspect', '--help'])
    expect(help.stdout).toMatch(
      /--include-config\s+With --json: add "config", .* in clear\. The output then contains your secrets/,
    )
  })

  it('--include-config without --json is a usage error', async () => {
    const { code, stdout, stderr } = await runCli(['inspect', '--include-config'])
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'baqup-telemetry: --include-config works with --json only\n',
    })
  })
})

describe('inspect --format', () => {
  const parsers: Record<string, (text: string) => unknown> = {
    yaml: parseYAML,
    json: JSON.parse,
    toml: (text) => JSON.parse(JSON.stringify(parseTOML(text))),
  }

  it.each(Object.keys(parsers))('%s prints the anonymized configuration in that format', async (format) => {
    const args = ['inspect', `--configFile=${example('baqup.yaml')}`, `--format=${format}`]
    const { code, stdout } = await runCli(args)
    expect(code).toBe(0)
    const text = dedent(section(stdout, `Anonymized configuration (${format})`, 'Hash'))
    expect(parsers[format]?.(text)).toEqual(EXAMPLE_ANONYMIZED)
  })

  it('takes its value as a separate argument too', async () => {
    const { code, stdout } = await runCli(['inspect', '--format', 'json', `--configFile=${example('baqup.toml')}`])
    expect(code).toBe(0)
    expect(JSON.parse(dedent(section(stdout, 'Anonymized configuration (json)', 'Hash')))).toEqual(EXAMPLE_ANONYMIZED)
  })
})

describe('inspect --explain', () => {
  it('prints one row per option set: path, decision, reason', async () => {
    const { code, stdout } = await runCli(['inspect', '--explain', `--configFile=${example('baqup.yaml')}`])
    expect(code).toBe(0)
    const [header, ...rows] = stdout.trimEnd().split('\n')
    expect(header?.split(/\s{2,}/)).toEqual(['PATH', 'DECISION', 'REASON'])
    const table = new Map(rows.map((row) => row.split(/\s{2,}/)).map(([path, ...rest]) => [path, rest.join(' | ')]))
    expect(table.get('entryPoints.web.address')).toMatch(/^kept \| /)
    expect(table.get('providers.docker.endpoint')).toMatch(/^masked \| .*not exported/)
    expect(table.get('providers.docker.tls.key')).toMatch(/^masked \| /)
    expect(table.get('providers.docker.exposedByDefault')).toMatch(/^kept \| /)
    expect(stdout).not.toContain('10.10.10.10')
  })

  it('marks an address in an exported value as scrubbed', async () => {
    const { stdout } = await runCli(['inspect', '--explain', '--entryPoints.web.address=192.168.1.10:80'])
    expect(stdout).toMatch(/^entryPoints\.web\.address\s+scrubbed\s+\S/m)
    expect(stdout).not.toContain('192.168.1.10')
  })
})
