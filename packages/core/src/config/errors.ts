/** Where a value came from: a file (with a 1-based line and column), a flag (`--log.level`) or an env var name. */
export interface Origin {
  readonly source: string
  readonly line?: number
  readonly column?: number
}

export interface ConfigErrorDetails {
  /** What kind of mistake; inferred from the other details when not given. */
  readonly code?: ConfigErrorCode
  readonly origin: Origin
  /** Option path with real names: `entryPoints.web.adress`, `entryPoints.web.http.tls.domains[0].main`. */
  readonly path?: string
  /** What is wrong, in a few words: `unknown option`, `not a number`. */
  readonly problem: string
  readonly expected?: string
  /** Already made safe for a terminal: see {@link describeFound}. */
  readonly found?: string
  readonly suggestion?: string
}

import { anonymizeAddress } from '../report/address.js'
import { scrub } from '../report/scrub.js'
import { type ConfigErrorCode, inferredCode } from './error-code.js'

/** `file:3:7`, `file:3`, `--log.level`, `BAQUP_LOG_LEVEL`. */
export function formatOrigin(origin: Origin): string {
  if (origin.line === undefined) return origin.source
  if (origin.column === undefined) return `${origin.source}:${origin.line}`
  return `${origin.source}:${origin.line}:${origin.column}`
}

function formatMessage(details: ConfigErrorDetails): string {
  const parts = [formatOrigin(details.origin)]
  // A flag already names the option: `--log.level: log.level: …` would say it twice.
  if (details.path && details.origin.source !== `--${details.path}`) parts.push(details.path)
  let text = `${parts.join(': ')}: ${details.problem}`
  const facts = [
    details.expected === undefined ? '' : `expected ${details.expected}`,
    details.found === undefined ? '' : `found ${details.found}`,
  ].filter(Boolean)
  if (facts.length) text += ` (${facts.join(', ')})`
  if (details.suggestion !== undefined) text += ` — did you mean "${details.suggestion}"?`
  return text
}

/**
 * A configuration mistake, as a value: where (source, line:column), which option, what was
 * expected and found. Messages never carry the value of a masked option, nor source text
 * around a syntax error: a secret must not reach a terminal or a log.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly code: ConfigErrorCode
  readonly source: string
  /** What is wrong, without location, path or facts. */
  readonly problem: string
  readonly line?: number
  readonly column?: number
  readonly path?: string
  readonly expected?: string
  readonly found?: string
  readonly suggestion?: string

  constructor(details: ConfigErrorDetails) {
    super(formatMessage(details))
    this.code = details.code ?? inferredCode(details)
    this.source = details.origin.source
    this.problem = details.problem
    if (details.origin.line !== undefined) this.line = details.origin.line
    if (details.origin.column !== undefined) this.column = details.origin.column
    if (details.path !== undefined) this.path = details.path
    if (details.expected !== undefined) this.expected = details.expected
    if (details.found !== undefined) this.found = details.found
    if (details.suggestion !== undefined) this.suggestion = details.suggestion
  }

  /** The same error with a note added to what is wrong. */
  withNote(note: string): ConfigError {
    const origin = { source: this.source, line: this.line, column: this.column }
    return new ConfigError({ ...this, origin, problem: `${this.problem} ${note}` })
  }
}

const MAX_SHOWN = 40

function truncate(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text
}

/** The type of a value in words, the only thing said about a masked option's value. */
export function typeInWords(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a date'
  switch (typeof value) {
    case 'string':
      return 'a string'
    case 'number':
    case 'bigint':
      return 'a number'
    case 'boolean':
      return 'a boolean'
    default:
      return 'a mapping'
  }
}

/** A number as written (`1.5`, `-3`, `1e6`, `9223372036854775806`): shown, whatever the scrub says of dots and digits. */
const NUMBER_TEXT = /^[+-]?\d{1,24}(?:\.\d{1,24})?(?:[eE][+-]?\d{1,3})?$/

/**
 * How a found value is shown: quoted and truncated for an exported option, only its type for a
 * masked one. `written` is the text as the user wrote it, when there is one (`007`, `1.10`).
 * An exported text is shown only when it would be sent as written: a number, a listening address
 * on every interface (`:80`), or text the scrub pass keeps; otherwise only its type and the reason.
 */
export function describeFound(value: unknown, exported: boolean, written?: string): string {
  if (!exported) return typeInWords(value)
  const text = written ?? (typeof value === 'string' ? value : undefined)
  if (text !== undefined) {
    if (NUMBER_TEXT.test(text) || (text !== '' && anonymizeAddress(text).value === text)) return JSON.stringify(text)
    const { pattern } = scrub(text)
    return pattern ? `${typeInWords(value)} (not shown: ${pattern})` : JSON.stringify(truncate(text))
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  return typeInWords(value)
}
