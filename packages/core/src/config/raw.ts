import type { Origin } from './errors.js'

/**
 * The located raw tree: what every source (YAML, TOML, flags, env) is read into before one
 * normalization pass gives it meaning. Keys are as written; every node knows where it came from.
 */
export type RawNode = RawMap | RawList | RawScalar

export interface RawEntry {
  readonly key: string
  /** Where the key is written. */
  readonly origin: Origin
  readonly value: RawNode
}

export interface RawMap {
  readonly type: 'map'
  /** In source order; the same key may appear twice (normalization merges or refuses). */
  readonly entries: readonly RawEntry[]
  readonly origin: Origin
}

export interface RawList {
  readonly type: 'list'
  readonly items: readonly RawNode[]
  readonly origin: Origin
}

export type ScalarValue = string | number | bigint | boolean | null | Date

export interface RawScalar {
  readonly type: 'scalar'
  /** As the source typed it: flags and env give strings, YAML and TOML their own types. */
  readonly value: ScalarValue
  /**
   * The text as written when the source typed it as something else than a string (an unquoted
   * YAML `1.10`, `007`, `true`, `~`): a string option takes this text, not the parsed number.
   */
  readonly text?: string
  readonly origin: Origin
}

export const rawMap = (entries: readonly RawEntry[], origin: Origin): RawMap => ({ type: 'map', entries, origin })
export const rawList = (items: readonly RawNode[], origin: Origin): RawList => ({ type: 'list', items, origin })

export function rawScalar(value: ScalarValue, origin: Origin, text?: string): RawScalar {
  return text === undefined ? { type: 'scalar', value, origin } : { type: 'scalar', value, text, origin }
}

/** The scalar as text, the way Go's loaders see every value: `007`, `1.10`, `true`. Undefined for null or a date. */
export function scalarText(scalar: RawScalar): string | undefined {
  if (scalar.text !== undefined) return scalar.text
  const { value } = scalar
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  return undefined
}
