import { describe, expect, it } from 'vitest'
import { BAQUP_VERSION } from '../src/index.js'
import { readReference } from './reference.js'

describe('BAQUP_VERSION', () => {
  it('is a release version (major.minor.patch)', () => {
    expect(BAQUP_VERSION).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('is the release line of the reference the schema follows', () => {
    const line = /derived from Traefik v(\d+\.\d+)/i.exec(readReference('README.md'))?.[1]
    expect(line, 'reference/README.md names the version it is derived from').toBeDefined()
    expect(BAQUP_VERSION.startsWith(`${line}.`)).toBe(true)
  })
})
