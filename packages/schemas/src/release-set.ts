import { historyReleases, type MinorRelease, type OptionHistory } from './history.js'
import { compareReleases, nextRelease } from './release.js'

/** The minor releases that have an option (or any option under a group), oldest first. */
export type ReleaseSet = ReadonlySet<MinorRelease>

const between = (since: MinorRelease, until: MinorRelease | null) =>
  historyReleases.filter(
    (release) => compareReleases(since, release) <= 0 && (until === null || compareReleases(release, until) <= 0),
  )

/** Each option's releases, with its export flag in each: computed once per option. */
const flags = new WeakMap<OptionHistory, ReadonlyMap<MinorRelease, boolean>>()

function flagsOf(history: OptionHistory): ReadonlyMap<MinorRelease, boolean> {
  let map = flags.get(history)
  if (!map) {
    map = new Map(history.ranges.flatMap(([since, until, exported]) => between(since, until).map((r) => [r, exported])))
    flags.set(history, map)
  }
  return map
}

/** The minor releases that have the option. */
export function releasesOf(history: OptionHistory): ReleaseSet {
  return new Set(flagsOf(history).keys())
}

/** Whether the option exists in `release`. */
export function hasRelease(history: OptionHistory, release: MinorRelease): boolean {
  return flagsOf(history).has(release)
}

/** The export flag of the option in `release` (false where it does not exist). */
export function exportedIn(history: OptionHistory, release: MinorRelease): boolean {
  return flagsOf(history).get(release) ?? false
}

/** Runs of consecutive releases: `2.11`, `3.3 … 3.7`. */
function runs(set: ReleaseSet): string[] {
  const out: string[] = []
  let start: MinorRelease | undefined
  let last: MinorRelease | undefined
  for (const release of historyReleases) {
    if (set.has(release)) {
      start ??= release
      last = release
    } else if (start && last) {
      out.push(start === last ? start : `${start} to ${last}`)
      start = undefined
    }
  }
  if (start && last) out.push(start === last ? start : `${start} to ${last}`)
  return out
}

/**
 * Why an option (or group) is not in `release`, for the loader's error: `added in 3.5`,
 * `removed in 3.0`, or, when it left and came back, where it exists.
 */
export function absenceMessage(set: ReleaseSet, release: MinorRelease): string {
  const present = historyReleases.filter((candidate) => set.has(candidate))
  const first = present[0]
  const last = present.at(-1)
  const missing = `Baqup ${release} does not have it`
  if (!first || !last) return `not an option of any release (${missing})`
  if (compareReleases(release, first) < 0) return `added in ${first} (${missing})`
  if (compareReleases(last, release) < 0) return `removed in ${nextRelease(last) ?? 'a later release'} (${missing})`
  return `not in ${release}: only in ${runs(set).join(' and ')}`
}
