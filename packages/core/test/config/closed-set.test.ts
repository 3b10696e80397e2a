import { describe, expect, it } from 'vitest'
import { expectedValues, LISTED_VALUES } from '../../src/config/closed-set.js'

const letters = (count: number) => Array.from({ length: count }, (_, index) => `v${index + 1}`)

describe('expectedValues', () => {
  it('lists a set of up to 20 values whole', () => {
    expect(expectedValues({ values: letters(LISTED_VALUES) })).toBe(`one of ${letters(20).join(', ')}`)
    expect(expectedValues({ values: ['a', 'b'], caseInsensitive: true })).toBe('one of a, b, in any case')
  })

  it('lists a longer set by its first ten, with the count and where all of them are', () => {
    expect(expectedValues({ values: letters(21) })).toBe(
      `one of ${letters(10).join(', ')}, … (21 values, all listed by the flags command)`,
    )
    expect(expectedValues({ values: letters(200), caseInsensitive: true })).toBe(
      `one of ${letters(10).join(', ')}, … (200 values, in any case, all listed by the flags command)`,
    )
  })
})
