/**
 * The history of every static option from Baqup 2.0 to 3.7, derived from Traefik's sources by
 * scripts/history/derive.mjs (see HISTORY.md). The schema reads it as metadata (history-meta.ts)
 * and projects releases from it (view.ts).
 */
import { historyRows, historySource } from './history.data.js'

/** The minor releases the history covers, oldest first. */
export const historyReleases = [
  ...['2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11'],
  ...['3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7'],
] as const
export type MinorRelease = (typeof historyReleases)[number]

/**
 * Minor releases `since`…`until` (null: still there) in which the option exists, with its export
 * flag: true only if every tag of those releases that has the option lets it leave the machine
 * (the field and every parent tagged `export:"true"`). `kind` only where it differs from the row's.
 */
export type HistoryRange = readonly [since: MinorRelease, until: MinorRelease | null, exported: boolean, kind?: string]
/** Exact tags (`2.11.23`; the reference commit as `3.7.9-28-g…`), for options a patch release changed. */
export type HistoryPatchRange = readonly [from: string, to: string | null, exported: boolean]
export type HistoryRow = readonly [
  path: string,
  kind: string,
  ranges: readonly HistoryRange[],
  patches?: readonly HistoryPatchRange[],
]
export interface HistorySource {
  readonly repository: string
  readonly license: string
  readonly reference: { readonly commit: string; readonly describe: string }
  readonly releases: Readonly<
    Record<
      MinorRelease,
      { readonly first: string; readonly last: string; readonly tags: number; readonly note?: string }
    >
  >
}

export interface OptionHistory {
  /** As in static-options.tsv: `entryPoints.<name>.address`, `…domains[].main`. */
  readonly path: string
  /** The kind in the latest release that has the option. */
  readonly kind: string
  /** The first minor release that has the option. */
  readonly since: MinorRelease
  /** The last minor release that has it, or null when 3.7 has it. */
  readonly until: MinorRelease | null
  readonly ranges: readonly HistoryRange[]
  readonly patches?: readonly HistoryPatchRange[]
}

export { historySource }

/** Every option path that existed in a release from 2.0 to 3.7, with its history. */
export const optionHistory: ReadonlyMap<string, OptionHistory> = new Map(
  historyRows.map(([path, kind, ranges, patches]) => {
    const first = ranges[0]
    const last = ranges.at(-1)
    if (!first || !last) throw new Error(`history of ${path} has no range`)
    const option = { path, kind, since: first[0], until: last[1], ranges, ...(patches ? { patches } : {}) }
    return [path, option]
  }),
)

const order = (release: MinorRelease) => historyReleases.indexOf(release)

/** The option in one minor release (`'2.11'`): its kind and export flag, or undefined if it did not exist. */
export function optionInRelease(path: string, release: MinorRelease): { kind: string; export: boolean } | undefined {
  const option = optionHistory.get(path)
  const range = option?.ranges.find(
    ([since, until]) => order(since) <= order(release) && order(release) <= order(until ?? '3.7'),
  )
  return option && range ? { kind: range[3] ?? option.kind, export: range[2] } : undefined
}
