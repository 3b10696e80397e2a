import { ConfigError } from './errors.js'

/** Bounds that keep hostile input from costing more than a clear error. */
export const LIMITS = {
  /** Larger files are refused before being read whole. */
  maxFileBytes: 1024 * 1024,
  /** Nesting of maps and lists, in every source (the schema itself is about 8 deep). */
  maxDepth: 64,
  /** Raw nodes produced from one YAML file, aliases expanded: a billion-laughs file stops here. */
  maxNodes: 100_000,
} as const

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
