import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/config/limits.js'
import { errorOf, yaml } from './helpers.js'

/** `count` keys of one block mapping under `parent`, one a line, the first on line 3. */
const blockKeys = (parent: string, count: number) =>
  `${parent}:\n  routers:\n${Array.from({ length: count }, (_, i) => `    r${i}: {}\n`).join('')}`

/** The same keys in one flow mapping, on line 2. */
const flowKeys = (count: number) =>
  `http:\n  routers: {${Array.from({ length: count }, (_, i) => `r${i}: 1`).join(', ')}}\n`

// Written after the mapping: reported only if the parser reads that far.
const BROKEN_TAIL = 'tcp: [unclosed\n'

describe('one mapping holds at most as many keys as a configuration holds named entries', () => {
  it(`reads ${LIMITS.maxEntries} keys of one mapping in a section that is otherwise ignored`, () => {
    expect(yaml(blockKeys('http', LIMITS.maxEntries))).toEqual({})
  })

  it('refuses the first key past the limit while parsing, before the text after it is read', () => {
    const error = errorOf(() => yaml(blockKeys('http', LIMITS.maxEntries + 1) + BROKEN_TAIL))
    expect(error.problem).toBe(
      `more than ${LIMITS.maxEntries} named entries (entry points, resolvers …) in one configuration: refused`,
    )
    expect([error.line, error.column, error.path]).toEqual([LIMITS.maxEntries + 3, 5, 'http.routers'])
  })

  it('counts the keys of a flow mapping too, located at the first one past the limit', () => {
    const text = flowKeys(LIMITS.maxEntries + 1)
    const error = errorOf(() => yaml(text + BROKEN_TAIL))
    expect([error.line, error.column, error.path]).toEqual([
      2,
      text.indexOf(`r${LIMITS.maxEntries}:`) - 'http:\n'.length + 1,
      'http.routers',
    ])
  })
})
