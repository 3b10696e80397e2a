import {
  buildVersionRequest,
  checkNewVersion,
  createTelemetryClient,
  displayURL,
  doNotTrack,
  versionCheckSkipReason,
} from '@baqup/core'
import { endpoints } from '../inspection.js'
import { UsageError, writeJSON } from '../print.js'
import { usableEndpoint } from '../usable-endpoint.js'

export interface CheckVersionFlags {
  current?: string
  updateUrl?: string
  /** Ask even under DO_NOT_TRACK. */
  force?: boolean
  json?: boolean
}

/** What `check-version --json` prints; `message` is the line printed without `--json`. */
export interface CheckVersionJSON {
  /** Whether the update server was asked. */
  checked: boolean
  /** Why it was not. */
  reason: 'do-not-track' | 'not-a-release' | null
  message: string
  current: string
  /** The newest release that applies to `current` (a prerelease only for a prerelease), as tagged. */
  newest: string | null
  newer: boolean
  /** The releases URL asked (or that would have been), as shown: no credentials, no query. */
  url: string
  /** The page of `newest` (its `html_url`), only when the server gave one over `https:`. */
  releaseUrl: string | null
}

const DO_NOT_TRACK_MESSAGE =
  'version check skipped: DO_NOT_TRACK is set in the environment, so nothing was sent ' +
  '(unset it, or add --force to ask the update server all the same)'

type Answer = Pick<CheckVersionJSON, 'checked' | 'reason' | 'message' | 'newest' | 'newer' | 'releaseUrl'>

async function ask(flags: CheckVersionFlags, current: string, updateURL: string): Promise<Answer> {
  const unchecked = { checked: false, newest: null, newer: false, releaseUrl: null } as const
  if (doNotTrack(process.env) && !flags.force)
    return { ...unchecked, reason: 'do-not-track', message: DO_NOT_TRACK_MESSAGE }
  const client = createTelemetryClient({ env: process.env })
  const result = await checkNewVersion({ version: current, updateURL, client })
  if (result.skipped) {
    return { ...unchecked, reason: 'not-a-release', message: `version check skipped: ${result.skipped}` }
  }
  const releaseUrl = result.newestURL ?? null
  const message = result.newer
    ? `a newer release is available: ${result.newest} (running ${current})${releaseUrl ? `, see ${releaseUrl}` : ''}`
    : `up to date: no release newer than ${current}`
  return { checked: true, reason: null, message, newest: result.newest ?? null, newer: result.newer, releaseUrl }
}

/**
 * Asks the update server now, whatever the configuration says: the operator asked for it. Not
 * under DO_NOT_TRACK, which speaks for the whole environment, unless `--force` says otherwise.
 * `running` is the Baqup version (`--baqup-version`); `--current` compares another.
 */
export async function checkVersion(flags: CheckVersionFlags, running: string): Promise<void> {
  const current = flags.current === undefined ? running : String(flags.current)
  const skipped = versionCheckSkipReason(current)
  if (skipped && flags.current !== undefined) throw new UsageError(`--current: ${skipped}`, { source: '--current' })
  const { updateURL } = endpoints(process.env, { updateURL: flags.updateUrl })
  usableEndpoint(String(updateURL), flags.updateUrl === undefined ? 'BAQUP_TELEMETRY_UPDATE_URL' : '--update-url')
  const url = displayURL(buildVersionRequest({ version: current, updateURL }).url)
  const { checked, reason, message, newest, newer, releaseUrl } = await ask(flags, current, String(updateURL))
  const result = { checked, reason, message, current, newest, newer, url, releaseUrl } satisfies CheckVersionJSON
  if (flags.json) writeJSON(result)
  else process.stdout.write(`${message}\n`)
}
