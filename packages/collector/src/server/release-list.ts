import semver from 'semver'
import * as z from 'zod'

/**
 * What the collector re-serves of a GitHub releases answer, and the versions it knows from it.
 * Only the fields clients read, each checked; an entry without a semver tag is dropped, any other
 * field that fails its check is dropped (or, for `name`, replaced by the tag). Whatever an upstream
 * or a file says beyond that never reaches a client.
 */

/** `v3.7.0`, `3.7.0`, `v3.8.0-rc.1`: a semver version with an optional `v`, no build part, at most 64 characters. */
const TAG = /^v?(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/
const NAME = /^[\x20-\x7e]{0,100}$/
/** A UTC time, at most millisecond precision (24 characters). */
const ISO_TIME = z.iso.datetime().max(24)
const MAX_URL = 512

export interface Release {
  tag_name: string
  name?: string
  draft: boolean
  prerelease: boolean
  html_url?: string
  published_at?: string
}

export interface ReleaseList {
  /** The filtered list as JSON: what `GET /repos/baqupio/baqup/releases` serves. */
  readonly text: string
  /** The versions of the releases that are not drafts, as clients send them: the tag without its `v` (`v3.7.0` → `3.7.0`). */
  readonly versions: ReadonlySet<string>
}

/** The version a client running this tag sends: semver's canonical form, as `baqupVersion` in the CLI makes it. */
export const versionOfTag = (tag: string): string | undefined =>
  tag.length <= 64 && TAG.test(tag) ? (semver.parse(tag)?.version ?? undefined) : undefined

const flag = (value: unknown): boolean | undefined =>
  value === undefined || value === null ? false : typeof value === 'boolean' ? value : undefined

function httpsURL(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL || !/^[\x21-\x7e]+$/.test(value)) return undefined
  try {
    return new URL(value).protocol === 'https:' ? value : undefined
  } catch {
    return undefined
  }
}

const isoTime = (value: unknown): string | undefined =>
  typeof value === 'string' && ISO_TIME.safeParse(value).success ? value : undefined

/** One entry as re-served, or undefined when it is dropped. */
export function checkedRelease(entry: unknown): Release | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined
  const {
    tag_name: tag,
    name,
    draft,
    prerelease,
    html_url: url,
    published_at: published,
  } = entry as Record<string, unknown>
  if (typeof tag !== 'string' || versionOfTag(tag) === undefined) return undefined
  const isDraft = flag(draft)
  const isPrerelease = flag(prerelease)
  if (isDraft === undefined || isPrerelease === undefined) return undefined
  const release: Release = {
    tag_name: tag,
    draft: isDraft,
    prerelease: isPrerelease,
  }
  // No name stays no name; a name that is not short printable ASCII (escape sequences, a novel) is the tag.
  if (name !== undefined && name !== null) release.name = typeof name === 'string' && NAME.test(name) ? name : tag
  const html = httpsURL(url)
  if (html) release.html_url = html
  const at = isoTime(published)
  if (at) release.published_at = at
  return release
}

/** A releases answer (parsed JSON) → the list re-served and the versions known; throws when it is not an array. */
export function releaseList(parsed: unknown): ReleaseList {
  if (!Array.isArray(parsed)) throw new Error('not a JSON array')
  const releases = parsed.map(checkedRelease).filter((release) => release !== undefined)
  const versions = new Set<string>()
  for (const release of releases) {
    if (!release.draft) versions.add(versionOfTag(release.tag_name) as string)
  }
  return { text: JSON.stringify(releases), versions }
}
