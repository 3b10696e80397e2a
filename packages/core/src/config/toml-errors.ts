import { ConfigError } from './errors.js'
import { depthError } from './limits.js'

interface TomlSyntaxError {
  fromTOML: true
  line: number
  col: number
  message: string
}

const isTomlError = (error: unknown): error is TomlSyntaxError =>
  typeof error === 'object' && error !== null && (error as { fromTOML?: unknown }).fromTOML === true

/**
 * Our words for the TOML parser's messages, by how they start. The parser's messages may quote
 * the source (`Unknown character "h"`, `Unknown escape character: q`) and are followed by the
 * source line itself: they are never shown. A message not listed here is "invalid TOML".
 */
const PROBLEMS: readonly (readonly [prefix: string, problem: string])[] = [
  ["Can't extend an inline", 'an inline table or array cannot be extended by a later key or table'],
  ['Unterminated multi-line string', 'a multi-line string is not closed'],
  ['Unterminated string', 'a string is not closed before the end of the line'],
  ['Unterminated inline array', 'an inline array is not closed'],
  ['Unknown escape character', 'an invalid escape sequence in a string'],
  ["Can't escape whitespace", 'an invalid escape sequence in a string'],
  ['Invalid character in unicode sequence', 'an invalid \\u or \\U escape sequence in a string'],
  ['Invalid unicode', 'an invalid \\u or \\U escape sequence in a string'],
  ['Control characters', 'a control character in a string: write it as an escape sequence'],
  ['Unknown character', 'a character that cannot start a key here'],
  ['Empty bare keys', 'an empty key'],
  ['Key without value', 'a key without a value'],
  ['Key ended without value', 'a key without a value'],
  ['Invalid character, expected "="', 'a key must be followed by "="'],
  ['Unexpected character, expected whitespace, . or ]', 'a table header is not closed with "]"'],
  ['Unexpected character, expected only whitespace or comments', 'more text after a value on the same line'],
  ['Unexpected character, expecting string', 'not a TOML value: quote a string'],
  ['Invalid character, expected whitespace, comma', 'a "," or "]" is missing in an inline array'],
  ['Empty elements in inline tables', 'an empty element in an inline table'],
  ['Trailing commas in inline tables', 'a trailing comma in an inline table'],
  ['Invalid boolean', 'not a TOML value: quote a string (a boolean is true or false)'],
  ['Invalid number', 'an invalid number'],
  ['Incomplete number', 'an invalid number'],
  ['Unexpected character, expected digit', 'an invalid number'],
  ['Unexpected character, expected -, + or digit', 'an invalid number'],
  ['Unexpected character, expected "inf"', 'an invalid number'],
  ['Unexpected character, expected "nan"', 'an invalid number'],
]

/** Date, time and their padding rules share a few words. */
const DATE_WORDS = /datetime|date|time|Years|Months|Days|Hours|milliseconds|hyphen/

function problemOf(message: string): string {
  const known = PROBLEMS.find(([prefix]) => message.startsWith(prefix))
  if (known) return known[1]
  if (DATE_WORDS.test(message.split('\n')[0] ?? '')) return 'an invalid date or time'
  return 'invalid TOML'
}

/** The parser's error as a located error in our words; a stack overflow is the depth limit. */
export function tomlSyntaxError(error: unknown, text: string, source: string): ConfigError {
  if (error instanceof RangeError) return depthError(source)
  if (!isTomlError(error))
    return new ConfigError({ code: 'parse-error', origin: { source }, problem: 'TOML syntax error: invalid TOML' })
  const lineText = text.split(/\r?\n/, error.line + 1)[error.line] ?? ''
  const redefined = error.message.startsWith("Can't redefine")
  // For a key or table set twice, point at the start of its second line rather than its end.
  // Elsewhere the parser's 0-based column is one past the character it refused, so it is that
  // character's 1-based column; clamped to just after the line's last character.
  const column = redefined
    ? lineText.length - lineText.trimStart().length + 1
    : Math.max(1, Math.min(error.col, lineText.length + 1))
  // Which one is told by the line's shape, never by quoting it.
  const twice = lineText.trimStart().startsWith('[')
    ? 'a table is declared twice (TOML forbids it): merge the two into one'
    : 'a key is set twice (TOML forbids it): keep one'
  return new ConfigError({
    origin: { source, line: error.line + 1, column },
    problem: `TOML syntax error: ${redefined ? twice : problemOf(error.message)}`,
  })
}
