/**
 * The privacy threshold, in one place: every number the statistics publish goes through here.
 *
 * 1. **Primary rule.** A count is published only when it comes from at least `minCount` distinct
 *    installations that reported from at least `minNetworks` distinct networks (the stored /24 or
 *    /48). With `--ip=none` no network is known: no count passes unless `minNetworks` is 0.
 * 2. **Secondary suppression.** No hidden count can be computed from published ones. What a table
 *    leaves out of a published whole (the whole minus the published rows) is either zero or itself
 *    passes the primary rule; otherwise the smallest published rows are left out too, until it
 *    does (at worst every row: the whole alone is published, and it passes by itself).
 *    - `publishParts`: rows that partition a whole (versions of the installations, values of an
 *      option, buckets of entries): the rows left out, together, are the rest.
 *    - `publishSubset`: one set inside a whole (installations using a provider, setting an option,
 *      or setting it to `true`): the installations of the whole that are not in it are the rest.
 *    - `publishTree`: option paths, each a subset of its nearest published ancestor (`api` ⊇
 *      `api.insecure`), the top ones of the total.
 *    The rest's networks are not counted by a query: they are bounded from below by what the
 *    published numbers imply (the networks of any row left out, and the whole's networks beyond
 *    those of the published rows), and the bound is what must pass.
 * A table says only how many rows it left out (`{"buckets": N}`), never their counts.
 */

export interface Threshold {
  /** Distinct installations behind any published number. */
  readonly minCount: number
  /** Distinct networks those installations reported from. */
  readonly minNetworks: number
}

/** A count as the threshold sees it. */
export interface Cell {
  /** Distinct installations; for version checks (no installation), their distinct networks. */
  readonly installations: number
  readonly networks: number
  /**
   * What adds up across rows, when it is not `installations`: the number of version checks.
   * The rest of such a table is then counted by its networks.
   */
  readonly size?: number
}

export interface Folded {
  readonly buckets: number
}

export interface Published<T> {
  readonly rows: T[]
  readonly folded: Folded
}

export const passes = (cell: Cell, { minCount, minNetworks }: Threshold): boolean =>
  cell.installations >= minCount && cell.networks >= minNetworks

/** What is left of a whole once some of it is published: nothing (≤ 0 where rows overlap), or a group that passes. */
const restPasses = (rest: Cell, threshold: Threshold) =>
  (rest.size ?? rest.installations) <= 0 || passes(rest, threshold)

const sizeOf = (cell: Cell) => cell.size ?? cell.installations

/** A single total: itself when it passes, else withheld (null). */
export const publishTotal = (total: Cell | undefined, threshold: Threshold): number | null =>
  total && passes(total, threshold) ? total.installations : null

/** Rows that pass, alone: for tables whose rows add up to no published whole. */
export function publishRows<T>(rows: readonly T[], threshold: Threshold, cell: (row: T) => Cell): Published<T> {
  const kept = rows.filter((row) => passes(cell(row), threshold))
  return { rows: kept, folded: { buckets: rows.length - kept.length } }
}

/** The rest of `whole` once `kept` are published and `hidden` are not, as far as published numbers tell. */
function restOf(whole: Cell, kept: readonly Cell[], hidden: readonly Cell[]): Cell {
  const sum = (count: (cell: Cell) => number) => kept.reduce((total, cell) => total + count(cell), 0)
  const networks = Math.max(0, ...hidden.map((cell) => cell.networks), whole.networks - sum((cell) => cell.networks))
  const size = sizeOf(whole) - sum(sizeOf)
  return { installations: whole.size === undefined ? size : networks, networks, size }
}

/**
 * Rows that partition `whole` (a published total; none: the rows alone). Each published row
 * passes, and the rows left out together are nothing or pass; else the smallest published rows
 * are left out as well.
 */
export function publishParts<T>(
  rows: readonly T[],
  threshold: Threshold,
  cell: (row: T) => Cell,
  whole?: Cell,
): Published<T> {
  const kept = new Set(rows.filter((row) => passes(cell(row), threshold)))
  if (whole) {
    const smallestFirst = [...kept].sort((a, b) => sizeOf(cell(a)) - sizeOf(cell(b)))
    const rest = () =>
      restOf(whole, rows.filter((row) => kept.has(row)).map(cell), rows.filter((row) => !kept.has(row)).map(cell))
    while (kept.size > 0 && !restPasses(rest(), threshold)) kept.delete(smallestFirst.shift() as T)
  }
  return { rows: rows.filter((row) => kept.has(row)), folded: { buckets: rows.length - kept.size } }
}

/** One set inside `whole` (published, or none): it passes, and so does what the whole has beyond it, or nothing. */
export function publishSubset(part: Cell, threshold: Threshold, whole?: Cell): boolean {
  if (!passes(part, threshold)) return false
  if (!whole) return true
  const rest = { installations: whole.installations - part.installations, networks: whole.networks - part.networks }
  return restPasses(rest, threshold)
}

/** `a.<name>.b` → `a`, `a.<name>`: the paths a path sits under. */
const ancestors = (path: string) => {
  const parts = path.split('.')
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('.'))
}

export interface PublishedTree<T> extends Published<T> {
  /** The nearest published cell at or above a path: its own, an ancestor's, or the root's; none when nothing is. */
  wholeOf(path: string): Cell | undefined
}

/**
 * Rows of option paths, each the installations setting it: a path's row is a subset of its
 * nearest published ancestor's (the root, the total, at the top), and published by `publishSubset`.
 */
export function publishTree<T>(
  rows: readonly T[],
  threshold: Threshold,
  path: (row: T) => string,
  cell: (row: T) => Cell,
  root: Cell | undefined,
): PublishedTree<T> {
  const byPath = new Map(rows.map((row) => [path(row), cell(row)]))
  const published = new Map<string, Cell>()
  const top = root && passes(root, threshold) ? root : undefined
  const wholeOf = (of: string): Cell | undefined => {
    const chain = [of, ...ancestors(of).reverse()]
    for (const candidate of chain) {
      const found = published.get(candidate)
      if (found) return found
    }
    return top
  }
  // Parents first: a path's whole is decided before the path is.
  const depth = (of: string) => of.split('.').length
  for (const row of [...rows].sort((a, b) => depth(path(a)) - depth(path(b)))) {
    const own = byPath.get(path(row)) as Cell
    if (publishSubset(own, threshold, wholeOf(parentOf(path(row))))) published.set(path(row), own)
  }
  const kept = rows.filter((row) => published.has(path(row)))
  return { rows: kept, folded: { buckets: rows.length - kept.length }, wholeOf }
}

/** The nearest ancestor's path, or `''` (the root) for a top-level path. */
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')))

/** Rows counted by installations, the most first, then by their label: a stable order for files and tests. */
export function byInstallations<T extends { installations: number }>(label: (row: T) => string) {
  return (a: T, b: T) => b.installations - a.installations || label(a).localeCompare(label(b))
}

/** `publishParts` per group of rows (the values of each option, the versions of each day), each with its whole. */
export function publishPartsBy<T>(
  rows: readonly T[],
  threshold: Threshold,
  key: (row: T) => string,
  cell: (row: T) => Cell,
  wholeOf: (key: string) => Cell | undefined,
): Published<T> {
  const groups = new Map<string, T[]>()
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row])
  const kept = new Set<T>()
  for (const [name, group] of groups) {
    for (const row of publishParts(group, threshold, cell, wholeOf(name)).rows) kept.add(row)
  }
  return { rows: rows.filter((row) => kept.has(row)), folded: { buckets: rows.length - kept.size } }
}
