import { readFileSync } from 'node:fs'
import { staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseConfigText } from '../../src/config/load.js'
import { anonymize, MASKED } from '../../src/report/anonymize.js'
import { optionRows } from '../../src/report/option-rows.js'
import { listOptions, type Option } from '../../src/schema/options.js'
import { walk } from '../../src/schema/walk.js'
import { configArbitrary, materialize } from '../fixtures/anonymize/config-arbitrary.js'

const runs = Math.ceil((Number(process.env.FUZZ_RUNS) || 2_000) / 8)
const options = new Map<string, Option>(listOptions(walk(staticConfigSchema)).map((option) => [option.path, option]))
const VALUED_KINDS = new Set(['bool', 'int', 'float', 'duration'])

/** What a row's value may be, given its option: from the schema's metadata alone. */
function allowedValue(option: Option, value: unknown): boolean {
  if (value === null) return true
  if (!option.export) return value === MASKED
  if (VALUED_KINDS.has(option.kind)) return typeof value !== 'string' || option.kind === 'duration'
  return option.kind === 'string' && (option.values ?? []).includes(value as string)
}

describe('optionRows', () => {
  it('lists each option set, map names as <name>, values only where exported scalars', () => {
    const config = parseConfigText(
      [
        'log: { level: DEBUG }',
        'api: {}',
        'providers:',
        '  docker: { endpoint: "tcp://10.0.0.1:2375", exposedByDefault: false }',
        'entryPoints:',
        '  web:',
        '    address: ":80"',
        '    transport: { lifeCycle: { graceTimeOut: 42 } }',
        '  websecure: { address: ":443" }',
      ].join('\n'),
      'yaml',
      staticConfigSchema,
      'test.yaml',
    )
    const rows = optionRows(staticConfigSchema, anonymize(staticConfigSchema, config))
    expect(rows).toEqual(
      expect.arrayContaining([
        { path: 'log.level', value: 'DEBUG' },
        { path: 'api', value: null },
        { path: 'providers.docker', value: null },
        { path: 'providers.docker.endpoint', value: MASKED },
        { path: 'providers.docker.exposedByDefault', value: false },
        { path: 'entryPoints.<name>.transport.lifeCycle.graceTimeOut', value: '42s' },
      ]),
    )
    expect(rows.filter((row) => row.path === 'entryPoints.<name>.address')).toHaveLength(2)
    expect(JSON.stringify(rows)).not.toContain('10.0.0.1')
  })

  it('gives a masked value even when handed a configuration that was not anonymized', () => {
    expect(optionRows(staticConfigSchema, { providers: { docker: { endpoint: 'tcp://secret:1' } } })).toContainEqual({
      path: 'providers.docker.endpoint',
      value: MASKED,
    })
  })

  it("turns the documentation's example into rows of known options and allowed values", () => {
    const text = readFileSync(new URL('../fixtures/anonymize/documentation-example.yaml', import.meta.url), 'utf8')
    const config = parseConfigText(text, 'yaml', staticConfigSchema, 'documentation-example.yaml')
    const rows = optionRows(staticConfigSchema, anonymize(staticConfigSchema, config))
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) expect(allowedValue(options.get(row.path) as Option, row.value), row.path).toBe(true)
  })

  it('rows of generated anonymized configurations: known paths, allowed values', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(configArbitrary(walk(staticConfigSchema)).map(materialize), ({ config, secrets }) => {
        const rows = optionRows(staticConfigSchema, anonymize(staticConfigSchema, config))
        for (const row of rows) {
          const option = options.get(row.path)
          expect(option, row.path).toBeDefined()
          expect(allowedValue(option as Option, row.value), row.path).toBe(true)
        }
        const json = JSON.stringify(rows)
        for (const secret of secrets) expect(json).not.toContain(secret)
      }),
      { numRuns: runs },
    )
  })
})
