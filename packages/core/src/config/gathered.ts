import { ConfigError, type Origin } from './errors.js'

/** At most this many errors are listed at once; the rest are counted ("… and 5 more"). */
export const MAX_LISTED_ERRORS = 20

/**
 * Several configuration mistakes found in one pass, thrown as one error. It is a ConfigError
 * itself (its fields are those of the first mistake), so `instanceof ConfigError` keeps working;
 * `errors` lists them in source order (line and column in a file, argument order for flags and
 * variables), at most {@link MAX_LISTED_ERRORS}, and `more` counts the ones left out.
 */
export class ConfigErrors extends ConfigError {
  readonly errors: readonly ConfigError[]
  readonly more: number

  constructor(errors: readonly ConfigError[], more = 0) {
    const [first] = errors as [ConfigError, ...ConfigError[]]
    const origin: Origin = { source: first.source, line: first.line, column: first.column }
    super({ ...first, origin })
    this.errors = errors
    this.more = more
    const lines = errors.map((error) => `  ${error.message}`)
    if (more > 0) lines.push(`  … and ${more} more`)
    this.message = `${errors.length + more} configuration errors:\n${lines.join('\n')}`
  }
}

/** A file's mistakes by line then column; flags and variables by their rank in `order` (argument order). */
function sortKey(error: ConfigError, order: readonly string[]): [number, number, number] {
  const rank = order.indexOf(error.source)
  return [error.line ?? Number.MAX_SAFE_INTEGER, error.column ?? 0, rank === -1 ? Number.MAX_SAFE_INTEGER : rank]
}

function compare(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** Throws what a pass gathered: nothing, the one error as it is, or all of them as {@link ConfigErrors}. */
export function throwGathered(errors: readonly ConfigError[], order: readonly string[] = []): void {
  if (errors.length === 0) return
  if (errors.length === 1) throw errors[0]
  const sorted = errors
    .map((error) => ({ error, key: sortKey(error, order) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ error }) => error)
  throw new ConfigErrors(sorted.slice(0, MAX_LISTED_ERRORS), Math.max(0, sorted.length - MAX_LISTED_ERRORS))
}

/** Runs one step; a ConfigError it throws is gathered instead, and `fallback` returned. */
export function gather<T, F>(errors: ConfigError[], step: () => T, fallback: F): T | F {
  try {
    return step()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    errors.push(error)
    return fallback
  }
}
