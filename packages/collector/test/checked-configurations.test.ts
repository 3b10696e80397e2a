import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { CheckedConfigurations } from '../src/server/checked-configurations.js'

const base64 = (config: unknown) => Buffer.from(JSON.stringify(config)).toString('base64')

describe('checked configurations', () => {
  it('checks the same bytes once, and keeps their key, JSON and option rows', () => {
    const checked = new CheckedConfigurations(staticConfigSchema)
    const config = { log: { level: 'DEBUG' } }
    let checks = 0
    const check = () => {
      checks++
      return config
    }
    const first = checked.get(base64(config), check)
    const second = checked.get(base64(config), check)
    expect(checks).toBe(1)
    expect(second).toBe(first)
    expect(JSON.parse(first.json)).toEqual(config)
    expect(first.options).toContainEqual({ path: 'log.level', value: 'DEBUG' })
    expect(first.id).toMatch(/^\d{1,20}$/)
  })

  it('checks a refused configuration every time it comes', () => {
    const checked = new CheckedConfigurations(staticConfigSchema)
    let checks = 0
    const refuse = () => {
      checks++
      throw new Error('not anonymized')
    }
    expect(() => checked.get(base64({ a: 1 }), refuse)).toThrow('not anonymized')
    expect(() => checked.get(base64({ a: 1 }), refuse)).toThrow('not anonymized')
    expect(checks).toBe(2)
  })

  it('forgets the configuration least recently sent past its capacity', () => {
    const checked = new CheckedConfigurations(staticConfigSchema, { capacity: 2 })
    const seen: string[] = []
    const get = (level: string) =>
      checked.get(base64({ log: { level } }), () => {
        seen.push(level)
        return { log: { level } }
      })
    get('DEBUG')
    get('INFO')
    get('DEBUG')
    get('WARN')
    get('DEBUG')
    get('INFO')
    expect(seen).toEqual(['DEBUG', 'INFO', 'WARN', 'INFO'])
  })
})
