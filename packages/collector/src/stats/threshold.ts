/**
 * The privacy threshold: a published count comes from at least `minCount` distinct
 * installations. A row under it is left out and only the number of rows left out is said
 * (`{"buckets": N}`), never their counts: a sum of small counts would publish them again.
 */

export interface Folded {
  readonly buckets: number
}

export interface Published<T> {
  readonly rows: T[]
  readonly folded: Folded
}

export function publish<T>(rows: readonly T[], minCount: number, count: (row: T) => number): Published<T> {
  const kept = rows.filter((row) => count(row) >= minCount)
  return { rows: kept, folded: { buckets: rows.length - kept.length } }
}

/** A single total: itself when it is at least `minCount`, else withheld (null). */
export const publishTotal = (total: number, minCount: number): number | null => (total >= minCount ? total : null)

/** Rows counted by installations, the most first, then by their label: a stable order for files and tests. */
export function byInstallations<T extends { installations: number }>(label: (row: T) => string) {
  return (a: T, b: T) => b.installations - a.installations || label(a).localeCompare(label(b))
}
