import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { CheckedConfigurations, DEFAULT_MAX_BYTES, entryBytes } from '../../src/server/checked-configurations.js'
import { anonymized } from '../support/reports.js'

/**
 * Memory: 2 500 distinct 58 KB configurations took the collector from 246 MB to 1 074 MB, because
 * the checked-configuration cache was bounded by count (100 000) alone. It is bounded in bytes too:
 * its own accounting of what it keeps never passes the bound, and that accounting is not an
 * underestimate of the text it keeps. (`pnpm bench` measures the process's RSS after 2 500.)
 */

/** A configuration of about 58 KB, distinct for each `n`: 450 entry points, one port differing. */
function large(n: number): Record<string, unknown> {
  const entryPoints = Object.fromEntries(
    Array.from({ length: 450 }, (_, i) => [
      `ep${i}`,
      {
        address: `:${i === 0 ? 10_000 + n : 1000 + i}`,
        http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } },
      },
    ]),
  )
  return anonymized({ entryPoints })
}

const base64 = (config: unknown) => Buffer.from(JSON.stringify(config)).toString('base64')

describe('the checked-configuration cache', () => {
  it('is bounded at 64 MiB by default', () => {
    expect(DEFAULT_MAX_BYTES).toBe(64 * 1024 * 1024)
  })

  it('stays under its byte bound with many distinct large configurations', () => {
    const maxBytes = 8 * 1024 * 1024
    const checked = new CheckedConfigurations({ maxBytes })
    const first = large(0)
    expect(JSON.stringify(first).length).toBeGreaterThan(55_000)
    let most = 0
    for (let n = 0; n < 300; n++) {
      const config = n === 0 ? first : large(n)
      const kept = checked.get('3.7', base64(config), () => ({ schema: staticConfigSchema, configuration: config }))
      // What is counted is at least the JSON text kept and one row overhead per option row.
      expect(entryBytes('k', kept)).toBeGreaterThan(kept.json.length + kept.options.length * 16)
      expect(checked.bytes).toBeLessThanOrEqual(maxBytes)
      most = Math.max(most, checked.size)
    }
    expect(checked.bytes).toBeGreaterThan(maxBytes / 2)
    // Bounded by bytes long before the count (100 000) matters.
    expect(most).toBeLessThan(100)
    expect(checked.size).toBeGreaterThan(5)
  })

  it('keeps the most recently sent, and no configuration larger than the whole bound', () => {
    const small = { log: { level: 'DEBUG' } }
    const checked = new CheckedConfigurations({ maxBytes: 64 * 1024 })
    let checks = 0
    const get = (config: Record<string, unknown>) =>
      checked.get('3.7', base64(config), () => {
        checks++
        return { schema: staticConfigSchema, configuration: config }
      })
    get(small)
    const big = large(1)
    get(big)
    get(big)
    expect(checks).toBe(3)
    get(small)
    expect(checks).toBe(3)
    expect(checked.size).toBe(1)
  })
})
