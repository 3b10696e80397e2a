import { ConfigError } from './errors.js'

/** Bounds that keep hostile input from costing more than a clear error. */
export const LIMITS = {
  /** Larger files are refused before being read whole. */
  maxFileBytes: 1024 * 1024,
  /** Nesting of maps and lists, in every source (the schema itself is about 8 deep). */
  maxDepth: 64,
  /** Raw nodes produced from one YAML file, aliases expanded: a billion-laughs file stops here. */
  maxNodes: 100_000,
  /**
   * Named entries of the schema's maps (entry points, resolvers …) in one configuration, in every
   * source: each gets its defaults, about a kilobyte, so a megabyte of `name: {}` lines would
   * otherwise become a hundred megabytes to validate and hash.
   */
  maxEntries: 10_000,
  /** Aliases (`*name`, `<<: *name`) written in one YAML file. */
  maxAliases: 10_000,
  /** Characters of keys and text values read from one YAML file, aliases expanded. */
  maxExpandedChars: 2 * 1024 * 1024,
} as const

/** Said when a configuration holds too many named entries, or one mapping too many keys. */
export const tooManyEntriesProblem = `more than ${LIMITS.maxEntries} named entries (entry points, resolvers …) in one configuration: refused`

export const tooManyAliases = (source: string, line: number, column: number) =>
  new ConfigError({ origin: { source, line, column }, problem: `more than ${LIMITS.maxAliases} aliases: refused` })

/** Characters after which a `*` starts an alias rather than plain text. */
const BEFORE_ALIAS = new Set([9, 10, 13, 32, 44, 91, 123]) // tab, newlines, space, `,`, `[`, `{`
/** Characters that cannot start an alias name. */
const NOT_A_NAME = new Set([9, 10, 13, 32, 44, 91, 93, 123, 125]) // the same, `]`, `}`

/**
 * A cheap scan before parsing: counts what may be an alias (`*` after a space or a flow
 * indicator, followed by a name). The parser itself takes seconds and hundreds of megabytes
 * over a megabyte of `*a,`. Quoted text and comments are not told apart: it may count more
 * aliases than there are, never fewer; the exact count is made after parsing.
 */
export function refuseManyAliases(text: string, source: string): void {
  let aliases = 0
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('*'); index !== -1; index = text.indexOf('*', index + 1)) {
    const before = index === 0 ? 32 : text.charCodeAt(index - 1)
    const after = text.charCodeAt(index + 1)
    if (!BEFORE_ALIAS.has(before) || Number.isNaN(after) || NOT_A_NAME.has(after)) continue
    if (++aliases <= LIMITS.maxAliases) continue
    for (let newline = text.indexOf('\n', lineStart); newline !== -1 && newline < index; ) {
      line++
      lineStart = newline + 1
      newline = text.indexOf('\n', lineStart)
    }
    throw tooManyAliases(source, line, index - lineStart + 1)
  }
}

/**
 * A cheap scan before parsing: flow brackets (`[`, `{`) opened deeper than the depth limit.
 * The parsers themselves can exhaust memory on a megabyte of `[`. Quotes are not tracked (a
 * quoted bracket counts too), so only a file with that many unclosed brackets is refused.
 */
export function refuseDeepBrackets(text: string, source: string): void {
  let depth = 0
  let line = 1
  let lineStart = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 10) {
      line++
      lineStart = index + 1
    } else if (code === 91 || code === 123) {
      if (++depth > LIMITS.maxDepth) throw depthError(source, line, index - lineStart + 1)
    } else if ((code === 93 || code === 125) && depth > 0) {
      depth--
    }
  }
}

export function depthError(source: string, line?: number, column?: number): ConfigError {
  const origin = line === undefined ? { source } : column === undefined ? { source, line } : { source, line, column }
  return new ConfigError({ origin, problem: `nested deeper than ${LIMITS.maxDepth} levels` })
}
