import { SCRUBBED } from './tokens.js'
import { type Meter, wordProblem } from './words.js'

/**
 * The scrub pass, a second net over free text, never the rule for what is sent (that is the
 * closed shapes, `shapes.ts`): the loader's errors quote a value only when it passes. It is an
 * allow-list, not a search for known secrets: text passes only when it is made of plain words —
 * letters and digits of any script, `-`, `_`, spaces, parentheses, and `v1.2.3`-style versions —
 * none of which reads as a token or a host name. Anything else (a path, a URL, an e-mail address,
 * `user:password@host`, an address, a token, percent-encoding, full-width forms) is replaced
 * whole. One pass over the text, no regular expression that can backtrack: the work grows
 * linearly with the length.
 */

export { SCRUBBED } from './tokens.js'

/** Longest text checked; anything longer is scrubbed without looking. */
export const MAX_CHECKED_LENGTH = 1024

/** What a character that no word may hold says about the text, for `explain`. */
const CHARACTER_REASONS = new Map([
  ['/', 'path or URL'],
  ['\\', 'path or URL'],
  ['@', 'e-mail address or user name'],
  [':', 'address, port or URL'],
  ['%', 'percent-encoded text'],
])
const OTHER_CHARACTER = 'characters other than letters, digits, spaces, -, _, ( and )'
const DOTTED = 'host name, IP address or dotted token'
const LETTER_OR_DIGIT = /^[\p{L}\p{M}\p{N}]$/u
/** `v1.2.3`, `v2.0.0-rc.1`: the only dotted words kept. Bounded length, so the check is bounded work. */
const VERSION = /^v\d{1,9}(?:\.\d{1,9}){1,3}(?:-[0-9A-Za-z]{1,20}(?:\.[0-9A-Za-z]{1,20}){0,4})?$/
const VERSION_MAX_LENGTH = 64
const IDEOGRAPHIC_FULL_STOP = 0x3002

/** How a character reads in text: it ends a word, is a dot, belongs to a word, or is refused. */
const BREAK = 0
const DOT = 1
const WORD = 2
const REFUSED = 3

/** The class of every ASCII character, looked up rather than computed: the loop below runs per character. */
const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, c) => {
  if (c === 32 || c === 40 || c === 41) return BREAK // space ( )
  if (c === 46) return DOT
  const alphanumeric = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return alphanumeric || c === 45 || c === 95 ? WORD : REFUSED
})

const inWord = (c: number) => c > 127 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** A `v1.2.3`-style version (`v2.0.0-rc.1`). */
function isVersion(word: string): boolean {
  return word.length <= VERSION_MAX_LENGTH && VERSION.test(word)
}

function checkWord(text: string, start: number, end: number, dotted: boolean, meter?: Meter): string | undefined {
  if (!dotted) return wordProblem(text, start, end, inWord, meter)
  if (meter) meter.steps += end - start
  return isVersion(text.slice(start, end)) ? undefined : DOTTED
}

/** Why the text may not be sent as written, or undefined when it may. */
export function textProblem(text: string, meter?: Meter): string | undefined {
  if (text.length > MAX_CHECKED_LENGTH) return `text longer than ${MAX_CHECKED_LENGTH} characters`
  let normalizedChecked = false
  let start = 0
  let dotted = false
  for (let index = 0; index < text.length; index++) {
    if (meter) meter.steps++
    const c = text.charCodeAt(index)
    let kind: number
    if (c < 128) kind = ASCII_CLASSES[c] as number
    else {
      if (!normalizedChecked) {
        // ASCII never changes under NFKC: only text with other characters needs the (linear) check.
        if (meter) meter.steps += text.length
        if (text.normalize('NFKC') !== text) return 'full-width or compatibility characters'
        normalizedChecked = true
      }
      const point = text.codePointAt(index) as number
      const character = String.fromCodePoint(point)
      if (point > 0xffff) index++
      kind = point === IDEOGRAPHIC_FULL_STOP ? DOT : LETTER_OR_DIGIT.test(character) ? WORD : REFUSED
    }
    if (kind === BREAK) {
      const problem = start < index ? checkWord(text, start, index, dotted, meter) : undefined
      if (problem) return problem
      start = index + 1
      dotted = false
    } else if (kind === DOT) dotted = true
    else if (kind === REFUSED) return CHARACTER_REASONS.get(text.charAt(index)) ?? OTHER_CHARACTER
  }
  return start < text.length ? checkWord(text, start, text.length, dotted, meter) : undefined
}

export interface ScrubResult {
  readonly value: string
  /** Why the value was scrubbed, when it was (the name the loader's errors and `explain` show). */
  readonly pattern?: string
}

/** Returns the text unchanged, or {@link SCRUBBED} with the reason it may not be sent as written. */
export function scrub(value: string, meter?: Meter): ScrubResult {
  const reason = textProblem(value, meter)
  return reason ? { value: SCRUBBED, pattern: reason } : { value }
}
