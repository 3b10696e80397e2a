import { describe, expect, it } from 'vitest'
import { wrapWords } from '../../src/telemetry/wrap.js'

describe('wrapWords', () => {
  it.each([
    ['fits whole', 'one two three', 20, ['one two three']],
    ['breaks at the last space that fits', 'one two three', 8, ['one two', 'three']],
    ['exactly the width', 'abcd efgh', 4, ['abcd', 'efgh']],
    [
      'never cuts a word longer than the width',
      'see https://example.org/a/long/path now',
      10,
      ['see', 'https://example.org/a/long/path', 'now'],
    ],
    ['collapses runs of white space', '  a   b  ', 10, ['a b']],
    ['empty text: one empty line', '', 10, ['']],
  ])('%s', (_name, text, width, lines) => {
    expect(wrapWords(text, width)).toEqual(lines)
    // Nothing is lost: joined again, the words are the same.
    expect(wrapWords(text, width).join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean))
  })
})
