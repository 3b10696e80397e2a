import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { loadCollectorConfig, UsageError } from '../src/config/load.js'
import { isDay } from '../src/day.js'
import { CheckedConfigurations } from '../src/server/checked-configurations.js'
import { Refused } from '../src/server/refusal.js'
import { checkReport } from '../src/server/report.js'
import { openAPIDocument } from '../src/stats/openapi.js'
import { parseDays, WINDOWS, windowQuerySchema } from '../src/stats/window.js'
import { runBin } from './support/collector.js'
import { anonymized, report } from './support/reports.js'

let folder: string
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'collector-validation-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('isDay: one check of a day, Zod’s ISO date', () => {
  it.each([
    ['2025-01-31', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-31T00:00:00Z', false],
    [' 2025-01-31', false],
    [20250131, false],
  ])('%s → %s', (day, expected) => {
    expect(isDay(day)).toBe(expected)
  })

  it.each(['2025-02-30', '2025-13-45'])('export --day=%s is a usage error (exit 2) naming --day', async (day) => {
    const result = await runBin(['export', `--store=${join(folder, 'unused.duckdb')}`, `--day=${day}`])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('baqup-collector: --day: expected YYYY-MM-DD\n')
  })
})

describe('--trust-proxy', () => {
  it.each([
    ['10.0.0.0/8,192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['::1, fd00::/8', ['::1', 'fd00::/8']],
  ])('%s → %j', (value, expected) => {
    expect(loadCollectorConfig({ flags: { trustProxy: value }, env: {} }).trustProxy).toEqual(expected)
  })

  it.each(['10.0.0.0/33', '10.0.0.256', 'fd00::/129', 'loopback', '10.0.0.0/8;'])(
    'refuses %s, naming the flag',
    (value) => {
      expect(() => loadCollectorConfig({ flags: { trustProxy: value }, env: {} })).toThrow(UsageError)
      expect(() => loadCollectorConfig({ flags: { trustProxy: value }, env: {} })).toThrow(
        `--trust-proxy: expected an IP address or CIDR range, found ${JSON.stringify(value)}`,
      )
    },
  )

  it('names the variable when the variable has it', () => {
    expect(() => loadCollectorConfig({ flags: {}, env: { BAQUP_COLLECTOR_TRUST_PROXY: '10.0.0.0/33' } })).toThrow(
      /^BAQUP_COLLECTOR_TRUST_PROXY: expected an IP address or CIDR range/,
    )
  })

  it('is a usage error at start: exit 2, the flag named, no stack', async () => {
    const result = await runBin(['serve', `--store=${join(folder, 'serve.duckdb')}`, '--trust-proxy=10.0.0.0/33'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'baqup-collector: --trust-proxy: expected an IP address or CIDR range, found "10.0.0.0/33"\n',
    )
  })
})

describe("the report's configuration: z.base64() with the byte cap", () => {
  const check = (configuration: string) =>
    checkReport(new CheckedConfigurations(), { ...report({}), configuration }, new Date('2025-03-15T12:00:00Z'))
  const refusal = (configuration: string) => {
    try {
      check(configuration)
    } catch (error) {
      if (error instanceof Refused) return `${error.code} ${error.message}`
      throw error
    }
    return 'accepted'
  }

  it.each([
    ['not base64!', 'bad-field configuration: not base64'],
    ['YWJj=', 'bad-field configuration: not base64'],
    ['e30', 'bad-field configuration: not base64'],
    ['', 'bad-field configuration: not the base64 of a JSON text'],
    [Buffer.from('[]').toString('base64'), 'bad-field configuration: not the base64 of a JSON object'],
    ['A'.repeat(Math.ceil((256 * 1024) / 3) * 4 + 4), 'bad-field configuration: more than 256 KiB decoded'],
  ])('%s → %s', (configuration, expected) => {
    expect(refusal(configuration)).toBe(expected)
  })

  it('accepts the base64 of an anonymized configuration', () => {
    const configuration = Buffer.from(JSON.stringify(anonymized({ log: { level: 'INFO' } }))).toString('base64')
    expect(refusal(configuration)).toBe('accepted')
  })
})

describe('?days: one schema for the routes and the OpenAPI document', () => {
  it.each([
    [{}, 30],
    [{ days: '7' }, 7],
    [{ days: '365' }, 365],
    [{ days: '8' }, 'days: expected one of 7, 30, 90, 365 (days ending with the last finished UTC day)'],
    [{ days: '3e1' }, 'days: expected one of 7, 30, 90, 365 (days ending with the last finished UTC day)'],
    [{ days: ['7', '30'] }, 'days: expected one of 7, 30, 90, 365 (days ending with the last finished UTC day)'],
  ])('%j → %s', (query, expected) => {
    expect(parseDays(query)).toBe(expected)
  })

  it("documents each window route's parameters from the schema the route validates with", () => {
    const document = openAPIDocument()
    const { properties } = z.toJSONSchema(windowQuerySchema, { io: 'output' }) as {
      properties: { days: { description: string } }
    }
    const { description, ...days } = properties.days
    expect(days).toEqual({ type: 'number', enum: [...WINDOWS], default: 30 })
    for (const route of ['/api/v1/summary', '/api/v1/options/{path}'] as const) {
      const parameters = document.paths[route].get.parameters
      expect(parameters.find((parameter) => parameter.name === 'days')).toEqual({
        name: 'days',
        in: 'query',
        required: false,
        description,
        schema: days,
      })
    }
    const [day] = document.paths['/data/daily/{day}.json'].get.parameters
    expect(day).toMatchObject({ name: 'day', in: 'path', required: true, schema: { type: 'string', format: 'date' } })
  })
})
