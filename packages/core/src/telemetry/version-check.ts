import type { SemVer } from 'semver'
// The three functions used, not the whole package: `inspect` only checks that a version parses.
import gt from 'semver/functions/gt.js'
import parse from 'semver/functions/parse.js'
import rcompare from 'semver/functions/rcompare.js'
import type { TelemetryClient, TelemetryRequest } from './client.js'
import { BAQUP_PRODUCT } from './defaults.js'
import { joinURL } from './endpoint.js'
import { TelemetryError } from './errors.js'
import { MAX_REDIRECTS } from './redirects.js'
import { performRequest } from './request.js'
import { releaseLink } from './server-text.js'
import { wireHeaders } from './wire.js'

export interface VersionRequestOptions {
  /** The running version. */
  version: string
  /** Base URL of the update server (GitHub API compatible). */
  updateURL?: string
  /** `owner/name` whose releases are listed. */
  repository?: string
  /** `User-Agent` token (`baqup` → `baqup/3.7.0`). */
  userAgent?: string
}

export interface CheckNewVersionOptions extends VersionRequestOptions {
  client: TelemetryClient
  signal?: AbortSignal
}

export interface VersionCheckResult {
  /** The running version, as given. */
  current: string
  /** Tag of the newest release that applies to the running version, as published. */
  newest?: string
  /** That release's page (its `html_url`), when the server gives one over `https:`. */
  newestURL?: string
  newer: boolean
  /** Why no request was made. */
  skipped?: string
}

/** A release version in semver's canonical form (`v3.7.0` → `3.7.0`), or undefined when it is not one. */
export function releaseVersion(version: string): string | undefined {
  return parse(version)?.version
}

/** Why the running version cannot be compared (`dev` builds, unparsable strings), or undefined. */
export function versionCheckSkipReason(version: string): string | undefined {
  if (releaseVersion(version) !== undefined) return undefined
  return `the running version "${version.slice(0, 40)}" is not a release version`
}

export function buildVersionRequest(options: VersionRequestOptions): TelemetryRequest {
  const updateURL = options.updateURL ?? BAQUP_PRODUCT.updateURL
  const repository = options.repository ?? BAQUP_PRODUCT.repository
  const url = joinURL(updateURL, `repos/${repository}/releases`)
  return {
    method: 'GET',
    url,
    headers: wireHeaders(url, {
      'User-Agent': `${options.userAgent ?? BAQUP_PRODUCT.userAgent}/${options.version}`,
      Accept: 'application/json',
    }),
  }
}

interface Release {
  tag: string
  version: SemVer
  url: string | undefined
}

/** Releases worth comparing: not drafts, a valid semver tag; prereleases only for a prerelease. */
function applicableReleases(list: unknown[], current: SemVer): Release[] {
  const releases: Release[] = []
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue
    const { tag_name: tag, draft, prerelease, html_url: page } = entry as Record<string, unknown>
    if (typeof tag !== 'string' || draft === true) continue
    const version = parse(tag)
    if (!version) continue
    const isPrerelease = prerelease === true || version.prerelease.length > 0
    if (isPrerelease && current.prerelease.length === 0) continue
    releases.push({ tag, version, url: releaseLink(page) })
  }
  return releases
}

/** Parses a GitHub releases answer and compares it with the running version. */
export function compareReleases(current: string, body: string): Omit<VersionCheckResult, 'skipped'> | string {
  const running = parse(current)
  if (!running) return versionCheckSkipReason(current) as string
  let list: unknown
  try {
    list = JSON.parse(body)
  } catch {
    return 'the answer is not JSON'
  }
  if (!Array.isArray(list)) return 'the answer is not a list of releases'
  const newest = applicableReleases(list, running).sort((a, b) => rcompare(a.version, b.version))[0]
  if (!newest) return { current, newer: false }
  const link = newest.url === undefined ? {} : { newestURL: newest.url }
  return { current, newest: newest.tag, ...link, newer: gt(newest.version, running) }
}

/**
 * Asks the update server for the releases and tells whether a newer one exists. A version that
 * cannot be compared (`dev`) skips the check without any request.
 */
export async function checkNewVersion(options: CheckNewVersionOptions): Promise<VersionCheckResult> {
  const skipped = versionCheckSkipReason(options.version)
  if (skipped) return { current: options.version, newer: false, skipped }
  const request = buildVersionRequest(options)
  const answer = await performRequest(options.client, 'version-check', request, {
    signal: options.signal,
    maxRedirects: MAX_REDIRECTS,
  })
  const result = compareReleases(options.version, answer.body)
  if (typeof result === 'string') {
    throw new TelemetryError({ operation: 'version-check', url: answer.url, status: answer.status, reason: result })
  }
  return result
}
