import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { key64, StoredConfigurations, storedConfiguration } from '../src/store/configurations.js'

describe('stored configurations', () => {
  it('where copies expire by day, asks for a new copy once the last is more than a day older than the report', () => {
    const stored = new StoredConfigurations(1)
    expect(stored.has('7', '2025-01-01')).toBe(false)
    stored.add([{ id: '7', day: '2025-01-01' }])
    expect(stored.has('7', '2025-01-01')).toBe(true)
    expect(stored.has('7', '2025-01-02')).toBe(true)
    expect(stored.has('7', '2025-01-03')).toBe(false)
    stored.add([{ id: '7', day: '2025-01-03' }])
    stored.add([{ id: '7', day: '2025-01-02' }])
    expect(stored.has('7', '2025-01-04')).toBe(true)
  })

  it('otherwise keeps a configuration stored until cleared', () => {
    const stored = new StoredConfigurations()
    stored.add([{ id: '7', day: '2025-01-01' }])
    expect(stored.has('7', '2030-01-01')).toBe(true)
    stored.clear()
    expect(stored.has('7', '2025-01-01')).toBe(false)
  })

  it('keys a configuration by its text and an installation by its hash, as 64-bit decimal text', () => {
    expect(key64('ffffffffffffffff0000')).toBe('18446744073709551615')
    expect(key64('0000000000000001ffff')).toBe('1')
    const idOf = (config: Record<string, unknown>) => storedConfiguration(staticConfigSchema, config).id
    expect(idOf({ log: { level: 'DEBUG' } })).toBe(idOf({ log: { level: 'DEBUG' } }))
    expect(idOf({ log: { level: 'DEBUG' } })).not.toBe(idOf({ log: { level: 'INFO' } }))
    expect(idOf({})).toMatch(/^\d{1,20}$/)
  })
})
