import { ConfigError, formatOrigin, type Origin } from './errors.js'
import { formatPath } from './keys.js'
import type { Place } from './place.js'

/** Structural equality of normalized values (plain objects, arrays, scalars). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.length !== keysB.length) return false
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  )
}

/**
 * One key written twice with different values (a repeated YAML key, `dnschallenge` beside
 * `dnsChallenge`, a flag given twice): refused, naming both places.
 */
export function conflict(place: Place, second: Origin, first: Origin): ConfigError {
  return new ConfigError({
    origin: second,
    path: formatPath(place.path),
    problem: `set twice with different values (also at ${formatOrigin(first)}); keep one`,
  })
}
