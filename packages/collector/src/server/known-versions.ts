import type { ReleasesSource } from './releases.js'

/**
 * The versions the collector stores and counts: `dev`, or a release it knows. With a releases
 * file or upstream, a known release is one of the list's (`v3.7.0` is known as `3.7.0`, the form
 * clients send, see `release-list.ts`). With no list configured at all, a plain release number:
 * `MAJOR.MINOR.PATCH`, each part under 1000, no pre-release or build part.
 */

export const DEVELOPMENT = 'dev'
const PLAIN_RELEASE = /^(?:0|[1-9]\d{0,2})\.(?:0|[1-9]\d{0,2})\.(?:0|[1-9]\d{0,2})$/

export interface KnownOptions {
  /** On a miss, ask the source again (an upstream at most once a minute). Reports do; version checks do not wait. */
  refresh?: boolean
}

/** True when known, false when not, undefined when a list is configured but none could be had yet. */
export type IsKnown = (version: string, options?: KnownOptions) => Promise<boolean | undefined>

export function knownVersions(source: ReleasesSource | undefined): IsKnown {
  if (!source) return async (version) => version === DEVELOPMENT || PLAIN_RELEASE.test(version)
  // The last list read: a hit needs no file system call nor network. A release removed from the
  // list stays known until a miss reads the list again.
  let last: ReadonlySet<string> = new Set()
  return async (version, { refresh = true } = {}) => {
    if (version === DEVELOPMENT || last.has(version)) return true
    let list = await source.current()
    if (list && !list.versions.has(version) && refresh && source.missed) list = await source.missed()
    if (!list) return undefined
    last = list.versions
    return list.versions.has(version)
  }
}
