import { knownCountry } from '../geo/country.js'
import type { Store } from '../store/store.js'
import type { Row, Window } from './queries.js'
import { challengeType, type StatsCatalog } from './sections.js'
import {
  byInstallations,
  type Cell,
  type Folded,
  type Published,
  publishParts,
  publishRows,
  publishSubset,
  publishTotal,
  publishTree,
  type Threshold,
} from './threshold.js'

/**
 * The aggregates the summary and the daily files share, computed in the engine and published
 * under the threshold (`threshold.ts`). Rows carry the networks the threshold reads; the answers'
 * schemas do not, and parsing drops them.
 */

export interface StatsContext {
  readonly store: Store
  readonly catalog: StatsCatalog
  readonly threshold: Threshold
  /** `unknown` with `--ip=none`: no network is stored, so no count passes unless `minNetworks` is 0. */
  readonly networks: 'counted' | 'unknown'
}

export const num = (value: unknown) => Number(value ?? 0)
export const text = (value: unknown) => String(value ?? '')

/** A query row's installations and networks. */
export const cellOf = (row: Row): Cell => ({ installations: num(row.installations), networks: num(row.networks) })

/** What every answer says about its threshold. */
export const thresholdFields = ({ threshold, networks }: StatsContext) => ({
  minCount: threshold.minCount,
  minNetworks: threshold.minNetworks,
  networks,
})

/** The buckets of entries per installation that `queries.ts` counts in, in their published order. */
export const ENTRY_BUCKETS: readonly string[] = ['0', '1', '2', '3', '4', '5-9', '10+']

export async function sharedAggregates(context: StatsContext, window: Window) {
  const { store, catalog, threshold } = context
  const q = store.queries
  const [totals, versions, checks, countries, countryChecks, allChecks, options, groups, entryPoints, resolvers] =
    await Promise.all([
      q.installations(window),
      q.versions(window, false),
      q.versionChecks(window, false),
      q.countries(window),
      q.versionChecksByCountry(window, false),
      q.versionChecksByCountry(window, true),
      q.adoption(window),
      q.groupAdoption(window, catalog.groups),
      q.entries(window, catalog.entryFields.entryPoints),
      q.entries(window, catalog.entryFields.certificateResolvers),
    ])
  const total = totals[0] ? cellOf(totals[0]) : { installations: 0, networks: 0 }
  const installations = publishTotal(total, threshold)
  const whole = installations === null ? undefined : total

  // Option paths, and the objects of providers used when any of their fields is (`providers.file`):
  // each a subset of its nearest published ancestor, the top ones of the total.
  const optionRows = options.map((row) => ({ path: text(row.path), ...cellOf(row) }))
  const groupRows = groups.map((row) => ({ path: text(row.path), ...cellOf(row) }))
  const tree = publishTree([...optionRows, ...groupRows], threshold, (row) => row.path, cell, whole)
  const publishedPaths = new Set(tree.rows.map((row) => row.path))
  const adoptionOf = new Map(options.map((row) => [text(row.path), row]))
  const optionList = decided(
    optionRows
      .map((row) => ({ ...row, decided: publishedPaths.has(row.path) }))
      .sort(byInstallations((row) => row.path)),
  )

  // Providers and sections: a section's or object's row is its row in the tree; a switch set
  // `true` is a subset of the switch set.
  const providers = decided(
    [
      ...[
        ...catalog.sections
          .filter((path) => adoptionOf.has(path))
          .map((path) => ({ path, ...cellOf(adoptionOf.get(path) as Row) })),
        ...groupRows,
      ].map((row) => ({
        name: row.path,
        installations: row.installations,
        networks: row.networks,
        decided: publishedPaths.has(row.path),
      })),
      ...catalog.switches
        .filter((path) => num(adoptionOf.get(path)?.installations_true) > 0)
        .map((path) => {
          const row = adoptionOf.get(path) as Row
          const own = { installations: num(row.installations_true), networks: num(row.networks_true) }
          return { name: path, ...own, decided: publishSubset(own, threshold, tree.wholeOf(path)) }
        }),
    ].sort(byInstallations((row) => row.name)),
  )

  const challenges = decided(
    catalog.challenges
      .filter((path) => adoptionOf.has(path))
      .map((path) => ({
        type: challengeType(path),
        ...cellOf(adoptionOf.get(path) as Row),
        decided: publishedPaths.has(path),
      }))
      .sort(byInstallations((row) => row.type)),
  )

  const histogram = (rows: Row[]) =>
    publishParts(
      rows
        .map((row) => ({ bucket: text(row.bucket), ...cellOf(row) }))
        .sort((a, b) => ENTRY_BUCKETS.indexOf(a.bucket) - ENTRY_BUCKETS.indexOf(b.bucket)),
      threshold,
      cell,
      whole,
    )

  const lists = {
    versions: publishParts(
      versions
        .map((row) => ({ version: text(row.version), ...cellOf(row) }))
        .sort(byInstallations((row) => row.version)),
      threshold,
      cell,
      whole,
    ),
    // Version checks are counted by networks: a request carries no installation.
    versionChecks: publishRows(
      checks
        .map((row) => ({ version: text(row.version), checks: num(row.checks), networks: num(row.networks) }))
        .sort((a, b) => b.networks - a.networks || a.version.localeCompare(b.version)),
      threshold,
      checkCell,
    ),
    // Countries partition the installations, and the version checks: their rest passes or is nothing.
    countries: publishParts(
      countries
        .map((row) => ({ country: countryLabel(row.country), ...cellOf(row) }))
        .sort(byInstallations((row) => row.country)),
      threshold,
      cell,
      whole,
    ),
    versionChecksByCountry: publishParts(
      countryChecks
        .map((row) => ({ country: countryLabel(row.country), checks: num(row.checks), networks: num(row.networks) }))
        .sort((a, b) => b.networks - a.networks || a.country.localeCompare(b.country)),
      threshold,
      checkCell,
      allChecks[0] && num(allChecks[0].checks) > 0
        ? checkCell({ checks: num(allChecks[0].checks), networks: num(allChecks[0].networks) })
        : undefined,
    ),
    providers,
    options: optionList,
    entryPoints: histogram(entryPoints),
    certificateResolvers: histogram(resolvers),
    challenges,
  }
  return { installations, total, lists, wholeOf: tree.wholeOf }
}

/** A stored country as published: a code of the closed set, or `unknown` for none (or anything else). */
export const countryLabel = (value: unknown) => knownCountry(value) || 'unknown'

/** The threshold's view of a row that carries its installations and networks. */
export const cell = (row: { installations: number; networks: number }): Cell => row

/** A version check row: its unit is networks, and its checks add up. */
export const checkCell = (row: { checks: number; networks: number }): Cell => ({
  installations: row.networks,
  networks: row.networks,
  size: row.checks,
})

/** Rows whose publication was decided elsewhere (by the option tree, or one by one). */
function decided<T extends { decided: boolean }>(rows: T[]): Published<Omit<T, 'decided'>> {
  const kept = rows.filter((row) => row.decided).map(({ decided: _, ...row }) => row)
  return { rows: kept, folded: { buckets: rows.length - kept.length } }
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
