import { parse as parseToml } from '@iarna/toml'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import type { ConfigError } from '../../src/config/errors.js'
import { errorOf, toml, yaml } from './helpers.js'

const SECRET = 'hunter2-SECRET'
/** Every five characters of the secret: a message holding any of them quotes the source. */
const FRAGMENTS = Array.from({ length: SECRET.length - 4 }, (_, index) => SECRET.slice(index, index + 5))

/** Everything an error could show: message, stack, and each field. */
const shown = (error: ConfigError) => [error.message, String(error.stack), JSON.stringify({ ...error })].join('\n')

function expectNoSecret(error: ConfigError): void {
  const text = shown(error)
  for (const fragment of FRAGMENTS) expect(text).not.toContain(fragment)
}

/** `S` is the secret; `‸` marks where the error must be located (it is removed from the text). */
function planted(template: string): { text: string; line: number; column: number } {
  const withSecret = template.replaceAll('S', SECRET)
  const at = withSecret.indexOf('‸')
  const before = withSecret.slice(0, at).split('\n')
  return { text: withSecret.replace('‸', ''), line: before.length, column: (before.at(-1) as string).length + 1 }
}

const yamlCodes = (text: string) =>
  [parseAllDocuments(text, { uniqueKeys: false, resolveKnownTags: false })]
    .flat()
    .flatMap((doc) => [...doc.errors, ...doc.warnings].map((error) => error.code))

// One document per error code the YAML parser can report while parsing (DUPLICATE_KEY is off,
// MULTIPLE_DOCS, NON_STRING_KEY and RESOURCE_EXHAUSTION are reported only when converting).
const YAML_CASES: readonly (readonly [code: string, template: string])[] = [
  ['UNEXPECTED_TOKEN', 'token: >‸S'],
  ['UNEXPECTED_TOKEN', 'token: |‸S'],
  ['UNEXPECTED_TOKEN', 'token: "S"‸x'],
  ['TAG_RESOLVE_FAILED', 'token: ‸!S'],
  ['TAG_RESOLVE_FAILED', 'token: ‸!!S x'],
  ['TAG_RESOLVE_FAILED', 'token: ‸!e!S x'],
  ['TAG_RESOLVE_FAILED', 'token: ‸!<S> x'],
  ['TAG_RESOLVE_FAILED', 'token: ‸!!binary S'],
  ['BAD_ALIAS', 'a: &S‸:'],
  ['BAD_DQ_ESCAPE', 'token: "S‸\\q"'],
  ['MISSING_CHAR', 'token: "S‸'],
  ['MISSING_CHAR', "token: 'S‸"],
  ['MISSING_CHAR', '{a: S‸'],
  ['BAD_INDENT', 'token: [S‸'],
  ['BAD_INDENT', 'a:\n  b: S\n‸ c: 1'],
  ['TAB_AS_INDENT', 'a:\n‸\tb: S'],
  ['MULTILINE_IMPLICIT_KEY', '‸"S\n x": 1'],
  ['BLOCK_AS_IMPLICIT_KEY', 'a: ‸S: b'],
  ['BLOCK_IN_FLOW', 'a: [S, {b: ‸- c}]'],
  ['KEY_OVER_1024_CHARS', `‸S${'x'.repeat(1100)}: 1`],
  ['MULTIPLE_ANCHORS', 'a: &x ‸&S 1'],
  ['MULTIPLE_TAGS', 'a: !!str ‸!!str S'],
  ['BAD_SCALAR_START', 'token: ‸@S'],
  ['BAD_SCALAR_START', 'token: ‸`S'],
  ['BAD_DIRECTIVE', '‸%S\n---\na: 1'],
  ['ALIAS_PROPS', 'a: &x 1\nb: !!str ‸*x'],
  ['BAD_PROP_ORDER', 'a: {&x ‸? S: b}'],
  // Found by our own reader, not the parser: the same rule holds.
  ['alias without anchor', 'token: ‸*S'],
  ['anchor no alias uses', 'token: ‸&S'],
  ['anchor no alias uses', 'token: ‸&S value'],
]

describe('YAML errors never quote the source, and say where', () => {
  it('covers every error code the parser reports while parsing', () => {
    const covered = new Set(YAML_CASES.flatMap(([, template]) => yamlCodes(planted(template).text)))
    const reported = [
      ...['ALIAS_PROPS', 'BAD_ALIAS', 'BAD_DIRECTIVE', 'BAD_DQ_ESCAPE', 'BAD_INDENT', 'BAD_PROP_ORDER'],
      ...['BAD_SCALAR_START', 'BLOCK_AS_IMPLICIT_KEY', 'BLOCK_IN_FLOW', 'KEY_OVER_1024_CHARS', 'MISSING_CHAR'],
      ...['MULTILINE_IMPLICIT_KEY', 'MULTIPLE_ANCHORS', 'MULTIPLE_TAGS', 'TAB_AS_INDENT', 'TAG_RESOLVE_FAILED'],
      'UNEXPECTED_TOKEN',
    ]
    expect([...covered].sort()).toEqual(expect.arrayContaining(reported))
  })

  it.each(YAML_CASES)('%s: %j', (code, template) => {
    const { text, line, column } = planted(template)
    if (code === code.toUpperCase()) expect(yamlCodes(text)).toContain(code)
    const error = errorOf(() => yaml(text))
    expectNoSecret(error)
    expect([error.line, error.column]).toEqual([line, column])
  })
})

// One document per message family of the TOML parser.
const TOML_CASES: readonly string[] = [
  'a = "S‸',
  'a = """S‸',
  "a = 'S‸",
  'a = "S\\‸q"',
  'a = "S\\‸ "',
  'a = "S\\u‸ZZZZ"',
  'a = "\\uD800‸S"',
  'a = "S‸\u0001"',
  'a = 1‸S',
  'a = 1 ‸S',
  'a = t‸S',
  'a = 1\n‸@S',
  'a. ‸= "S"',
  'a = {‸, b = "S"}',
  'S = 1\n‸S = 2',
  '[S]\n‸[S]',
  'a = [1, ‸S]',
  'a = [1 ‸2, "S"]',
  'a = { b = "S", ‸}',
  'a = 1979-05-27T07:32:‸S',
  'a = 1979-05-‸S',
  'a = 07:3‸S',
  'a = 1979-05-27 07:32:00.‸S',
  'a = ‸S',
  'a = +‸S',
  'a = n‸S',
  'a = -i‸S',
  'a = 1e‸S',
  'a = 0x‸S',
  'a ‸S',
  'a = {b = 1}\n‸a.c = "S"',
  'a = [1]\n[[‸a]]\nb = "S"',
]

describe('TOML errors never quote the source, and say where', () => {
  it.each(TOML_CASES)('%j', (template) => {
    const { text, line, column } = planted(template)
    expect(() => parseToml(text)).toThrow()
    const error = errorOf(() => toml(text))
    expectNoSecret(error)
    expect(error.problem).not.toBe('TOML syntax error: invalid TOML')
    expect([error.line, error.column]).toEqual([line, column])
  })
})

/** Every document made from `valid` by inserting one of `marks` at each position, or cutting it short. */
function mutations(valid: string, marks: readonly string[]): string[] {
  const documents: string[] = []
  for (let at = 0; at <= valid.length; at++) {
    documents.push(valid.slice(0, at))
    for (const mark of marks) documents.push(valid.slice(0, at) + mark + valid.slice(at))
  }
  return documents
}

/** The errors of every mutation that fails, with its text; a path naming a written key is by design. */
function syntaxErrors(documents: readonly string[], read: (text: string) => unknown) {
  const errors: { text: string; error: ConfigError }[] = []
  for (const text of documents) {
    try {
      read(text)
    } catch (error) {
      if (!(error as ConfigError).path?.includes(SECRET.slice(0, 5))) errors.push({ text, error: error as ConfigError })
    }
  }
  return errors
}

describe('malformed documents made around a secret never show it', () => {
  const YAML_MARKS = ['>', '|', '*', '&', '!', '!!', '"', "'", '[', '{', ']', '}', '%', '@', '`', '\t', ':', ': ', '- ']
  const TOML_MARKS = ['"', "'", '"""', '[', ']', '{', '}', '=', '\\', '\\u', '\u0001', '@', '.', ',', '\n', ' ']

  it.each([
    ['YAML', 'providers:\n  docker:\n    endpoint: S\n    network: "S"\n', YAML_MARKS, yaml],
    ['TOML', '[providers.docker]\nendpoint = "S"\nnetwork = \'S\'\n', TOML_MARKS, toml],
  ] as const)('%s', (_format, template, marks, read) => {
    const valid = template.replaceAll('S', SECRET)
    const errors = syntaxErrors(mutations(valid, marks), read)
    expect(errors.length).toBeGreaterThan(valid.length) // most mutations are errors
    for (const { text, error } of errors) {
      expectNoSecret(error)
      if (error.line === undefined) continue
      expect(error.line).toBeLessThanOrEqual(text.split('\n').length)
      expect(error.column).toBeGreaterThanOrEqual(1)
    }
  })
})
