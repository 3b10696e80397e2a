import { type MinorRelease, optionHistory } from './history.js'
import { type LegacyOptions, legacyOptions } from './legacy.js'
import { compareReleases } from './release.js'
import { absenceMessage, releasesOf } from './release-set.js'
import { splitPath } from './tree.js'

/** A path as the legacy table writes it: entries and items as `*`. */
const patternOf = (segments: readonly string[]) =>
  segments.map((segment) => (segment === '<name>' || segment === '[]' ? '*' : segment)).join('.')

/** Every option and group of the history by pattern, with the releases that have it (a group: any option under it). */
const presence: ReadonlyMap<string, { set: Set<MinorRelease>; first: MinorRelease }> = (() => {
  const map = new Map<string, { set: Set<MinorRelease>; first: MinorRelease }>()
  for (const history of optionHistory.values()) {
    const segments = splitPath(history.path)
    const releases = releasesOf(history)
    for (let end = 1; end <= segments.length; end++) {
      const pattern = patternOf(segments.slice(0, end))
      const entry = map.get(pattern) ?? { set: new Set(), first: history.since }
      for (const release of releases) entry.set.add(release)
      if (compareReleases(history.since, entry.first) < 0) entry.first = history.since
      map.set(pattern, entry)
    }
  }
  return map
})()

const lowerCase = new Map([...presence.keys()].map((pattern) => [pattern.toLowerCase(), pattern]))

/**
 * The loader's table for a release: each option (or group) of another release that this one
 * lacks, with when it was added or removed; a migration hint (`legacyOptions`) instead where the
 * option was removed before this release, and v1 keys as always.
 */
export function absentOptions(release: MinorRelease): LegacyOptions {
  const removed: Record<string, string> = {}
  for (const [pattern, { set }] of presence) {
    if (!set.has(release)) removed[pattern] = absenceMessage(set, release)
  }
  for (const [pattern, hint] of Object.entries(legacyOptions.removed)) {
    const known = presence.get(lowerCase.get(pattern.toLowerCase()) ?? '')
    // A hint says what replaced an option: not for a release before the option existed, nor one that has it.
    if (known && (known.set.has(release) || compareReleases(release, known.first) < 0)) continue
    removed[pattern] = hint
  }
  return { ...legacyOptions, removed }
}
