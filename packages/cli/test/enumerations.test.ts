import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME, sandbox } from './run-cli.js'

const LEVELS = 'one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, PANIC, in any case'

/** A configuration file in a fresh home, and that home for the runs that read it. */
function configFile(text: string) {
  const home = sandbox()
  const path = join(home.dir, 'baqup.yaml')
  writeFileSync(path, text)
  return { home, path }
}

describe('enumerations, end to end', () => {
  it('refuses a log level Baqup does not know: exit 2, located, the allowed values listed', async () => {
    const { home, path } = configFile('global:\n  checkNewVersion: false\nlog:\n  level: verbose\n')
    const { code, stdout, stderr } = await runCli(['inspect', `--configFile=${path}`], { home })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(`${path}:4:10: log.level: not an allowed value (expected ${LEVELS}, found "verbose")`)
    expect(stderr).not.toMatch(STACK_FRAME)
  })

  it('suggests the closest allowed value', async () => {
    const { home, path } = configFile('accessLog:\n  format: JSON\n')
    const { code, stderr } = await runCli(['inspect', `--configFile=${path}`], { home })
    expect(code).toBe(2)
    expect(stderr).toContain('accessLog.format: not an allowed value (expected one of common, genericCLF, json')
    expect(stderr).toContain('did you mean "json"?')
  })

  it('loads a level in any case, as Baqup does, and sends it in its one spelling with one hash', async () => {
    const home = sandbox()
    const inspect = async (text: string) => {
      const path = join(home.dir, 'baqup.yaml')
      writeFileSync(path, text)
      const { code, stdout, stderr } = await runCli(['inspect', '--json', `--configFile=${path}`], { home })
      expect(code, stderr).toBe(0)
      return JSON.parse(stdout)
    }
    const upper = await inspect('LOG:\n  LEVEL: DEBUG\n')
    const lower = await inspect('log:\n  level: debug\n')
    expect(lower.anonymized).toEqual({ log: { level: 'DEBUG' } })
    expect(JSON.parse(Buffer.from(lower.payload.configuration, 'base64').toString())).toEqual(upper.anonymized)
    expect(lower.hash).toBe(upper.hash)
    const flagged = await runCli(['inspect', '--json', '--log.level=Debug'], { home })
    expect(JSON.parse(flagged.stdout).hash).toBe(upper.hash)
  })

  it('flags --json and flags show each set', async () => {
    const json = await runCli(['flags', '--json'])
    expect(json.code).toBe(0)
    const list = JSON.parse(json.stdout) as Record<string, unknown>[]
    const byPath = new Map(list.map((entry) => [entry.path, entry]))
    expect(byPath.get('log.level')).toMatchObject({
      values: ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'PANIC'],
      caseInsensitive: true,
    })
    expect(byPath.get('accessLog.format')).toMatchObject({
      values: ['common', 'genericCLF', 'json'],
      caseInsensitive: false,
    })
    expect(byPath.get('entryPoints.<name>.address')).toMatchObject({ values: null, caseInsensitive: false })
    const text = await runCli(['flags'])
    expect(text.stdout.split('\n').find((line) => line.startsWith('--log.level '))).toContain(LEVELS)
  })

  it('schema gives the sets to editors', async () => {
    const { code, stdout } = await runCli(['schema'])
    expect(code).toBe(0)
    const log = JSON.parse(stdout).properties.log.anyOf[0].properties
    expect(log.format).toMatchObject({ type: 'string', enum: ['common', 'json'] })
    expect(log.level.anyOf[0].enum).toContain('DEBUG')
    expect(new RegExp(log.level.anyOf[1].pattern).test('debug')).toBe(true)
  })

  it('checks the values of a map of a closed set, and shows the set in flags and schema', async () => {
    const { home, path } = configFile('accessLog:\n  fields:\n    names:\n      ClientHost: hide\n')
    const { code, stderr } = await runCli(['inspect', `--configFile=${path}`], { home })
    expect(code).toBe(2)
    expect(stderr).toContain(
      `${path}:4:19: accessLog.fields.names.ClientHost: not an allowed value (expected one of keep, drop, found "hide")`,
    )
    const flags = JSON.parse((await runCli(['flags', '--json'])).stdout) as Record<string, unknown>[]
    const byPath = new Map(flags.map((entry) => [entry.path, entry]))
    expect(byPath.get('accessLog.fields.names')).toMatchObject({ kind: 'map<string,string>', values: ['keep', 'drop'] })
    expect(byPath.get('accessLog.fields.headers.names')).toMatchObject({ values: ['keep', 'drop', 'redact'] })
    expect(byPath.get('certificatesResolvers.<name>.acme.dnsChallenge.provider')).toMatchObject({
      values: expect.arrayContaining(['cloudflare', 'manual', 'route53']),
      caseInsensitive: false,
    })
    const fields = JSON.parse((await runCli(['schema'])).stdout).properties.accessLog.anyOf[0].properties.fields
    expect(fields.properties.names.additionalProperties).toEqual({ type: 'string', enum: ['keep', 'drop'] })
  })

  it('refuses a DNS provider lego does not know by that spelling, suggesting the one it knows', async () => {
    const text = 'certificatesResolvers:\n  le:\n    acme:\n      dnsChallenge:\n        provider: CLOUDFLARE\n'
    const { home, path } = configFile(text)
    const { code, stderr } = await runCli(['inspect', `--configFile=${path}`], { home })
    expect(code).toBe(2)
    expect(stderr).toContain(`${path}:5:19: certificatesResolvers.le.acme.dnsChallenge.provider: not an allowed value`)
    expect(stderr).toContain('did you mean "cloudflare"?')
    expect(stderr).not.toMatch(STACK_FRAME)
  })

  it('lists a set of more than 20 values by its first ten, the count and where all are listed, beside the suggestion', async () => {
    const { code, stdout, stderr } = await runCli([
      'inspect',
      '--certificatesResolvers.le.acme.dnsChallenge.provider=route54',
    ])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    const flags = JSON.parse((await runCli(['flags', '--json'])).stdout) as { path: string; values?: string[] }[]
    const providers =
      flags.find((entry) => entry.path === 'certificatesResolvers.<name>.acme.dnsChallenge.provider')?.values ?? []
    expect(providers.length).toBeGreaterThan(20)
    expect(stderr).toBe(
      'baqup-telemetry: --certificatesResolvers.le.acme.dnsChallenge.provider: not an allowed value ' +
        `(expected one of ${providers.slice(0, 10).join(', ')}, … (${providers.length} values, all listed by the flags command), ` +
        'found "route54") — did you mean "route53"?\n',
    )
    // The same short list in a file, where a value of the wrong type is refused.
    const { home, path } = configFile(
      'certificatesResolvers:\n  le:\n    acme:\n      dnsChallenge:\n        provider: 5\n',
    )
    const fromFile = await runCli(['inspect', '--json', path], { home })
    const { error } = JSON.parse(fromFile.stdout)
    expect(error.expected).toBe(
      `one of ${providers.slice(0, 10).join(', ')}, … (${providers.length} values, all listed by the flags command)`,
    )
  })
})
