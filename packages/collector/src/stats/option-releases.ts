import type { Option } from '@baqup/core'
import { compareReleases, type MinorRelease, minorRelease } from '@baqup/schemas'
import { text } from './aggregates.js'
import type { Row, Window } from './queries.js'

/**
 * An option's adoption is counted over the installations whose release has it: a 3.x-only option
 * (`providers.swarm`, since 3.0) is not diluted by 2.x installations, nor a removed one
 * (`providers.docker.swarmMode`, until 2.11) by 3.x ones. `dev` and releases newer than the
 * newest described read as the newest, as the collector checks their reports.
 */

/** The minor release of a stored version, or undefined for one no view describes. */
function releaseOf(version: string): MinorRelease | undefined {
  try {
    return minorRelease(version)
  } catch {
    return undefined
  }
}

/** Whether a version's release has the option (from its `since`/`until`; every release when it has neither). */
export function releaseHas(option: Pick<Option, 'since' | 'until'>, version: string): boolean {
  const release = releaseOf(version)
  if (!release) return false
  const { since, until } = option as { since?: MinorRelease; until?: MinorRelease }
  return (!since || compareReleases(since, release) <= 0) && (!until || compareReleases(release, until) <= 0)
}

/**
 * The window restricted to the versions, among those reported in it (`versions` rows), whose
 * release has the option; the window itself when every one of them has it.
 */
export function optionWindow(
  option: Pick<Option, 'since' | 'until'>,
  window: Window,
  versions: readonly Row[],
): Window {
  const reported = [...new Set(versions.map((row) => text(row.version)))]
  const having = reported.filter((version) => releaseHas(option, version))
  return having.length === reported.length ? window : { ...window, versions: having.sort() }
}
