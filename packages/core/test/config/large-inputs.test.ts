import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/config/limits.js'
import { errorOf, fromFlags, yaml } from './helpers.js'

/** `count` empty entry points, one a line: 70 000 of them fit in a megabyte. */
const entryPoints = (count: number) =>
  `entryPoints:\n${Array.from({ length: count }, (_, i) => `  ep${i}: {}\n`).join('')}`

describe('named entries are limited: each gets its defaults', () => {
  it(`reads ${LIMITS.maxEntries} entry points`, () => {
    expect(Object.keys(yaml(entryPoints(LIMITS.maxEntries)).entryPoints as object)).toHaveLength(LIMITS.maxEntries)
  })

  it('refuses one entry more, located at it', () => {
    const error = errorOf(() => yaml(entryPoints(LIMITS.maxEntries + 1)))
    expect(error.problem).toBe(
      `more than ${LIMITS.maxEntries} named entries (entry points, resolvers …) in one configuration: refused`,
    )
    expect([error.line, error.column, error.path]).toEqual([LIMITS.maxEntries + 2, 3, 'entryPoints'])
  })

  it('counts entries of every map together, in every source', () => {
    const half = LIMITS.maxEntries / 2
    const flags = [
      ...Array.from({ length: half }, (_, i) => `--entryPoints.ep${i}.address=:${1000 + i}`),
      ...Array.from({ length: half + 1 }, (_, i) => `--certificatesResolvers.r${i}.acme.storage=acme.json`),
    ]
    expect(errorOf(() => fromFlags(...flags)).path).toBe('certificatesResolvers')
  })
})
