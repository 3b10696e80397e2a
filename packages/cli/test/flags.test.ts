import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ANSI, repoRoot, runCli } from './run-cli.js'

const tsvRows = readFileSync(`${repoRoot}reference/static-options.tsv`, 'utf8').trim().split('\n').slice(1)

describe('baqup-telemetry flags', () => {
  it('--json lists every option with the contract shape', async () => {
    const { code, stdout, stderr } = await runCli(['flags', '--json'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const list = JSON.parse(stdout) as Record<string, unknown>[]
    expect(list).toHaveLength(tsvRows.length)
    for (const entry of list) {
      expect(Object.keys(entry)).toEqual([
        'path',
        'kind',
        'export',
        'default',
        'description',
        'values',
        'caseInsensitive',
        'since',
        'until',
      ])
    }
    const byPath = new Map(list.map((entry) => [entry.path, entry]))
    expect(byPath.get('entryPoints.<name>.address')).toMatchObject({ kind: 'string', export: true, default: null })
    expect(byPath.get('providers.docker.endpoint')).toMatchObject({
      export: false,
      default: 'unix:///var/run/docker.sock',
    })
    expect(byPath.get('providers.file.directory')).toMatchObject({ export: false })
    expect(byPath.get('log.level')).toMatchObject({ export: true, default: 'ERROR' })
    expect(byPath.get('providers.kubernetesIngressNGINX')).toMatchObject({ since: '3.5', until: null })
  })

  it('--markdown prints one table row per option, sent or masked', async () => {
    const { code, stdout } = await runCli(['flags', '--markdown'])
    expect(code).toBe(0)
    const rows = stdout.split('\n').filter((line) => line.startsWith('| `--'))
    expect(rows).toHaveLength(tsvRows.length)
    expect(rows.find((row) => row.startsWith('| `--providers.docker.password`'))).toContain('| masked |')
    expect(rows.find((row) => row.startsWith('| `--api.insecure`'))).toContain('| sent |')
  })

  it('prints no colour codes into a pipe', async () => {
    const { stdout } = await runCli(['flags'])
    expect(stdout).not.toMatch(ANSI)
    expect(stdout.split('\n')[0]).toMatch(/^--accessLog\s+\S/)
  })

  it('lists the options in alphabetical order', async () => {
    const { stdout } = await runCli(['flags'])
    const flags = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0] as string)
    expect(flags.length).toBeGreaterThan(500)
    expect(flags).toEqual([...flags].sort())
  })
})

describe('baqup-telemetry schema', () => {
  it('prints a JSON Schema 2020-12 that describes every root section', async () => {
    const { code, stdout } = await runCli(['schema'])
    expect(code).toBe(0)
    const schema = JSON.parse(stdout)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.additionalProperties).toBe(false)
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['global', 'entryPoints', 'providers', 'http']),
    )
    const address = schema.properties.entryPoints.additionalProperties.properties.address
    expect(address.type).toBe('string')
    expect(address.description.length).toBeGreaterThan(10)
  })
})
