import { historyReleases, type MinorRelease } from './history.js'

/** The newest release the schema describes: what `dev` and any later release are read as. */
export const NEWEST_RELEASE: MinorRelease = historyReleases[historyReleases.length - 1] as MinorRelease

/** `v2.11.3`, `2.11.0-rc1`, `3.0` (a leading `v`, a patch and a prerelease or build suffix are optional). */
const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/

const position = (release: MinorRelease) => historyReleases.indexOf(release)

/** Release order: negative when `a` came before `b`. */
export function compareReleases(a: MinorRelease, b: MinorRelease): number {
  return position(a) - position(b)
}

/** The release after `release`, or undefined for the newest. */
export function nextRelease(release: MinorRelease): MinorRelease | undefined {
  return historyReleases[position(release) + 1]
}

/**
 * The minor release whose schema a Baqup version speaks: `2.11.3` → `2.11`; `dev` and any
 * version newer than the newest release described → the newest. Throws a RangeError, with a
 * sentence for the operator, for a version older than 2.0 or one that does not parse.
 */
export function minorRelease(version: string): MinorRelease {
  const given = version.trim()
  if (given === 'dev') return NEWEST_RELEASE
  const match = VERSION.exec(given)
  if (!match) {
    throw new RangeError(
      `not a Baqup version: ${JSON.stringify(given.slice(0, 40))} (expected a release such as 2.11.0 or ${NEWEST_RELEASE}.0, or dev)`,
    )
  }
  const major = Number(match[1])
  const minor = Number(match[2])
  const exact = historyReleases.find((release) => release === `${major}.${minor}`)
  if (exact) return exact
  const [oldest] = historyReleases
  const [newestMajor, newestMinor] = NEWEST_RELEASE.split('.').map(Number) as [number, number]
  if (major > newestMajor || (major === newestMajor && minor > newestMinor)) return NEWEST_RELEASE
  if (major < 2) {
    throw new RangeError(
      `Baqup ${given} is older than ${oldest}, the first release whose static configuration is described (v1 files are not read since v2)`,
    )
  }
  throw new RangeError(`Baqup ${given}: no such release (the releases described are ${oldest} to ${NEWEST_RELEASE})`)
}
