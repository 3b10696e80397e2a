import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { CheckedConfigurations } from '../src/server/checked-configurations.js'

const base64 = (config: unknown) => Buffer.from(JSON.stringify(config)).toString('base64')

describe('checked configurations', () => {
  it('checks the same bytes once, and keeps their key, JSON and option rows', () => {
    const checked = new CheckedConfigurations()
    const config = { log: { level: 'DEBUG' } }
    let checks = 0
    const check = () => {
      checks++
      return { schema: staticConfigSchema, configuration: config }
    }
    const first = checked.get('3.7', base64(config), check)
    const second = checked.get('3.7', base64(config), check)
    expect(checks).toBe(1)
    expect(second).toBe(first)
    expect(JSON.parse(first.json)).toEqual(config)
    expect(first.options).toContainEqual({ path: 'log.level', value: 'DEBUG' })
    expect(first.id).toMatch(/^\d{1,20}$/)
  })

  it('checks a refused configuration every time it comes', () => {
    const checked = new CheckedConfigurations()
    let checks = 0
    const refuse = () => {
      checks++
      throw new Error('not anonymized')
    }
    expect(() => checked.get('3.7', base64({ a: 1 }), refuse)).toThrow('not anonymized')
    expect(() => checked.get('3.7', base64({ a: 1 }), refuse)).toThrow('not anonymized')
    expect(checks).toBe(2)
  })

  it('forgets the configuration least recently sent past its capacity', () => {
    const checked = new CheckedConfigurations({ capacity: 2 })
    const seen: string[] = []
    const get = (level: string) =>
      checked.get('3.7', base64({ log: { level } }), () => {
        seen.push(level)
        return { schema: staticConfigSchema, configuration: { log: { level } } }
      })
    get('DEBUG')
    get('INFO')
    get('DEBUG')
    get('WARN')
    get('DEBUG')
    get('INFO')
    expect(seen).toEqual(['DEBUG', 'INFO', 'WARN', 'INFO'])
  })

  it('keys a configuration by its view and its bytes: the same bytes under another release are checked again', () => {
    const checked = new CheckedConfigurations()
    const config = { log: { level: 'DEBUG' } }
    const views: string[] = []
    const get = (view: string) =>
      checked.get(view, base64(config), () => {
        views.push(view)
        return { schema: staticConfigSchema, configuration: config }
      })
    get('2.11')
    get('3.7')
    get('2.11')
    get('3.7+')
    expect(views).toEqual(['2.11', '3.7', '3.7+'])
  })
})
