import { ConfigError } from './errors.js'
import type { RawMap } from './raw.js'

/**
 * Options that older configurations carry and the current schema no longer has, so that an
 * operator upgrading reads "removed in v3: use …" rather than "unknown option". The table is
 * the product's (passed in as `legacy`); core only reads it. Paths are compared
 * case-insensitively; `*` stands for any entry name.
 */
export interface LegacyOptions {
  readonly removed: Readonly<Record<string, string>>
  /** Root keys only a v1 configuration has. */
  readonly v1RootKeys: readonly string[]
  /** Root keys a v1 configuration never has: beside them, v1 keys are leftovers in a newer file. */
  readonly v2RootKeys: readonly string[]
  readonly v1Guide: string
}

const V1 = 'a v1 option, not read since v2'

const lookups = new WeakMap<LegacyOptions, Map<string, string>>()

function lookupOf(legacy: LegacyOptions): Map<string, string> {
  let lookup = lookups.get(legacy)
  if (!lookup) {
    lookup = new Map()
    for (const key of legacy.v1RootKeys) lookup.set(key.toLowerCase(), `${V1} (see ${legacy.v1Guide})`)
    for (const [path, message] of Object.entries(legacy.removed)) lookup.set(path.toLowerCase(), message)
    lookups.set(legacy, lookup)
  }
  return lookup
}

/** The message for an unknown key that an older version had, if any. `pattern` is its parent path, entries as `*`. */
export function legacyMessage(legacy: LegacyOptions, pattern: readonly string[], key: string): string | undefined {
  return lookupOf(legacy).get([...pattern, key].join('.').toLowerCase())
}

/** Refuses a v1 file with one message, rather than one "unknown option" per v1 key. */
export function refuseV1(legacy: LegacyOptions, root: RawMap): void {
  const v1 = new Set(legacy.v1RootKeys.map((key) => key.toLowerCase()))
  const v2 = new Set(legacy.v2RootKeys.map((key) => key.toLowerCase()))
  const found = root.entries.filter((entry) => v1.has(entry.key.toLowerCase()))
  const first = found[0]
  if (!first) return
  const names = [...new Set(found.map((entry) => entry.key))].slice(0, 5).join(', ')
  const mixed = root.entries.some((entry) => v2.has(entry.key.toLowerCase()))
  const problem = mixed
    ? `this v2 configuration carries v1 options (${names}), not read since v2: remove or convert them with the migration guide ${legacy.v1Guide}`
    : `this is a v1 configuration (${names}): v1 files are not read since v2; convert it with the migration guide ${legacy.v1Guide}`
  throw new ConfigError({ origin: first.origin, problem })
}
