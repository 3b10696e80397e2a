import { BAQUP_VERSION } from '@baqup/schemas'
import semver from 'semver'

/**
 * The releases the demonstration population runs, up to the current one (the release the schema
 * describes, `BAQUP_VERSION`), with the fraction of the seeded window at which each came out
 * (negative: before it began). `seed` writes them as a GitHub releases file, so that a collector
 * serving the seeded store knows every version in it, and `check-version` against it answers.
 */
const HISTORY: readonly (readonly [version: string, at: number])[] = [
  ['3.0.0', -2],
  ['3.1.0', -1.4],
  ['3.2.0', -0.9],
  ['3.3.0', -0.5],
  ['3.4.0', -0.2],
  ['3.5.0', 0.15],
  ['3.6.0', 0.45],
  ['3.6.1', 0.6],
  ['3.7.0', 0.8],
]

export interface SeededRelease {
  version: string
  at: number
}

/** The history up to `current`, which is the last one (out at 0.85 when the history does not name it). */
export function releasesUpTo(current: string): readonly SeededRelease[] {
  const before = HISTORY.filter(([version]) => semver.lt(version, current)).map(([version, at]) => ({ version, at }))
  const own = HISTORY.find(([version]) => version === current)
  return [...before, { version: current, at: own?.[1] ?? 0.85 }]
}

export const RELEASES = releasesUpTo(BAQUP_VERSION)

const DAY_MS = 86_400_000

/**
 * The releases as `GET /repos/baqupio/baqup/releases` answers them (newest first), published at
 * the time each came out in a window of `days` days starting at `start` (ms): what `serve --releases` reads.
 */
export function releasesFile(releases: readonly SeededRelease[], start: number, days: number): string {
  const entries = [...releases].reverse().map(({ version, at }) => ({
    tag_name: `v${version}`,
    name: `v${version}`,
    draft: false,
    prerelease: false,
    html_url: `https://github.com/baqupio/baqup/releases/tag/v${version}`,
    published_at: new Date(start + Math.round(at * days) * DAY_MS + 10 * 3_600_000).toISOString().replace('.000Z', 'Z'),
  }))
  return `${JSON.stringify(entries, null, 2)}\n`
}
