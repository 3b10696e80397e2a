import type { ErrorCode, LineCounter, YAMLError } from 'yaml'
import { ConfigError } from './errors.js'

/**
 * Our words for each error and warning code of the YAML parser. The parser's own messages quote
 * the source (`Block scalar header includes extra characters: >hunter2`), so they are never
 * shown: only the position and one of these.
 */
const PROBLEMS: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'an alias (*name) cannot carry an anchor or a tag',
  BAD_ALIAS: 'an anchor or alias name is empty or ends with ":"',
  BAD_COLLECTION_TYPE: 'a tag that does not fit the kind of value it is on',
  BAD_DIRECTIVE: 'an unknown or malformed directive (a line starting with %)',
  BAD_DQ_ESCAPE: 'an invalid escape sequence in a double-quoted string',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'an anchor or a tag written before a "-", "?" or ":" indicator',
  BAD_SCALAR_START: 'a value starting with a reserved character (@ or `): quote the value',
  BLOCK_AS_IMPLICIT_KEY: 'a mapping or a list used as a key',
  BLOCK_IN_FLOW: 'block syntax inside [ ] or { }',
  DUPLICATE_KEY: 'a key written twice in one mapping',
  IMPOSSIBLE: 'unreadable YAML',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  MISSING_CHAR: 'a character is missing here (a closing quote or bracket, a ":", a "," or a space)',
  MULTILINE_IMPLICIT_KEY: 'a key that spans more than one line',
  MULTIPLE_ANCHORS: 'more than one anchor (&name) on one value',
  MULTIPLE_DOCS: 'more than one YAML document',
  MULTIPLE_TAGS: 'more than one tag on one value',
  NON_STRING_KEY: 'a key that is not a plain name',
  RESOURCE_EXHAUSTION: 'too many aliases: refused',
  TAB_AS_INDENT: 'a tab used for indentation (YAML indents with spaces)',
  TAG_RESOLVE_FAILED:
    'an unknown or unsupported tag (a value starting with "!" is read as a YAML tag): quote the value',
  UNEXPECTED_TOKEN:
    'unexpected text (a value starting with ">", "|", "!", "&", "*", "[" or "{" has a meaning in YAML): quote the value',
}

/** The parser's error or warning as a located error in our words. */
export function yamlSyntaxError(error: YAMLError, lines: LineCounter, source: string): ConfigError {
  const { line, col } = lines.linePos(error.pos[0])
  const problem = Object.hasOwn(PROBLEMS, error.code) ? PROBLEMS[error.code] : 'invalid YAML'
  return new ConfigError({ origin: { source, line, column: col }, problem: `YAML syntax error: ${problem}` })
}
