import type { Store } from '../store/store.js'
import { queries, type Row, type Window } from './queries.js'
import { challengeType, type StatsCatalog } from './sections.js'
import { byInstallations, type Folded, type Published, publish } from './threshold.js'

/** The aggregates the summary and the daily files share, computed in the engine and published under the threshold. */

export interface StatsContext {
  readonly store: Store
  readonly catalog: StatsCatalog
  readonly minCount: number
}

export const num = (value: unknown) => Number(value ?? 0)
export const text = (value: unknown) => String(value ?? '')

/** Exact entry counts up to 4, then ranges: how many installations have 0, 1 … entries of a map. */
export function entryBucket(entries: number): string {
  if (entries < 5) return String(entries)
  return entries < 10 ? '5-9' : '10+'
}

/** Installations by bucket of entries; those reporting none of the map's fields have 0 entries. */
export function entriesHistogram(rows: readonly Row[], installations: number) {
  const buckets = new Map<string, number>()
  let withEntries = 0
  for (const row of rows) {
    const counted = num(row.installations)
    withEntries += counted
    const bucket = entryBucket(num(row.entries))
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + counted)
  }
  if (installations > withEntries) buckets.set('0', installations - withEntries)
  return [...buckets].map(([bucket, count]) => ({ bucket, installations: count }))
}

const sorted = <T extends { installations: number }>(rows: T[], label: (row: T) => string) =>
  rows.sort(byInstallations(label))

export async function sharedAggregates({ store, catalog, minCount }: StatsContext, window: Window) {
  const q = queries(store)
  const [total, versions, checks, options, groups, entryPoints, resolvers] = await Promise.all([
    q.installations(window),
    q.versions(window, false),
    q.versionChecks(window, false),
    q.adoption(window),
    q.groupAdoption(window, catalog.groups),
    q.entries(window, catalog.entryFields.entryPoints),
    q.entries(window, catalog.entryFields.certificateResolvers),
  ])
  const adoptionOf = (paths: readonly string[], count = 'installations') => {
    const wanted = new Set(paths)
    return options
      .filter((row) => wanted.has(text(row.path)) && num(row[count]) > 0)
      .map((row) => ({ path: text(row.path), installations: num(row[count]) }))
  }
  const sections = adoptionOf(catalog.sections)
  const switches = adoptionOf(catalog.switches, 'installations_true')
  const challenges = adoptionOf(catalog.challenges)
  const installations = num(total[0]?.installations)
  const counted = <T extends { installations: number }>(rows: T[], label: (row: T) => string): Published<T> =>
    publish(sorted(rows, label), minCount, (row) => row.installations)
  const histogram = (rows: { bucket: string; installations: number }[]) =>
    publish(
      rows.sort((a, b) => Number.parseInt(a.bucket, 10) - Number.parseInt(b.bucket, 10)),
      minCount,
      (row) => row.installations,
    )
  const lists = {
    versions: counted(
      versions.map((row) => ({ version: text(row.version), installations: num(row.installations) })),
      (row) => row.version,
    ),
    versionChecks: publish(
      checks
        .map((row) => ({ version: text(row.version), checks: num(row.checks), networks: num(row.networks) }))
        .sort((a, b) => b.networks - a.networks || a.version.localeCompare(b.version)),
      minCount,
      (row) => row.networks,
    ),
    providers: counted(
      [
        ...sections,
        ...groups.map((row) => ({ path: text(row.path), installations: num(row.installations) })),
        ...switches,
      ].map((row) => ({ name: row.path, installations: row.installations })),
      (row) => row.name,
    ),
    options: counted(
      options.map((row) => ({ path: text(row.path), installations: num(row.installations) })),
      (row) => row.path,
    ),
    entryPoints: histogram(entriesHistogram(entryPoints, installations)),
    certificateResolvers: histogram(entriesHistogram(resolvers, installations)),
    challenges: counted(
      challenges.map((row) => ({ type: challengeType(row.path), installations: row.installations })),
      (row) => row.type,
    ),
  }
  return { installations, lists }
}

/** `{ name: rows }` and `{ name: folded }` from `{ name: { rows, folded } }`. */
export function split<L extends Record<string, Published<unknown>>>(lists: L) {
  const rows = Object.fromEntries(Object.entries(lists).map(([name, list]) => [name, list.rows]))
  const other = Object.fromEntries(Object.entries(lists).map(([name, list]) => [name, list.folded]))
  return {
    rows: rows as { [K in keyof L]: L[K]['rows'] },
    other: other as { [K in keyof L]: Folded },
  }
}
