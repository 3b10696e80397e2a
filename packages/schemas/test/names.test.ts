import { describe, expect, it } from 'vitest'
import { ACCESS_LOG_FIELDS } from '../src/access-log.js'
import { COMMON_NAMES } from '../src/index.js'

describe('COMMON_NAMES, the dictionary of names sent as written', () => {
  it('holds a few hundred names at most', () => {
    expect(COMMON_NAMES.length).toBeGreaterThan(100)
    expect(COMMON_NAMES.length).toBeLessThanOrEqual(300)
  })

  it('spells every name in lower-case ASCII letters, digits, - and _, short', () => {
    expect(COMMON_NAMES.filter((name) => !/^[a-z][a-z0-9_-]{0,23}$/.test(name))).toEqual([])
  })

  it('lists each name once', () => {
    expect(new Set(COMMON_NAMES).size).toBe(COMMON_NAMES.length)
  })

  it('holds the names the documentation uses, under the product name', () => {
    const documented = ['web', 'websecure', 'http', 'https', 'metrics', 'ping', 'dashboard', 'baqup']
    const resolvers = ['letsencrypt', 'le', 'myresolver']
    expect(COMMON_NAMES).toEqual(expect.arrayContaining([...documented, ...resolvers]))
    expect(COMMON_NAMES).not.toContain('traefik')
  })

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(COMMON_NAMES)).toBe(true)
  })
})

describe('ACCESS_LOG_FIELDS, the names access log fields are sent under', () => {
  it('lists each field once, in ASCII letters', () => {
    expect(ACCESS_LOG_FIELDS.filter((name) => !/^[A-Z][A-Za-z]+$/.test(name))).toEqual([])
    expect(new Set(ACCESS_LOG_FIELDS.map((name) => name.toLowerCase())).size).toBe(ACCESS_LOG_FIELDS.length)
  })
})
