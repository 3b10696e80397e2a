import { type BuildInfo, releaseVersion } from '@baqup/core'
import { BAQUP_VERSION } from '@baqup/schemas'
import { UsageError } from './print.js'
import { BAQUP_VERSION_ENV, tool } from './tool.js'

/** A build without a release number: telemetry then skips the version check. */
const DEVELOPMENT = 'dev'

/**
 * The Baqup version telemetry speaks for — compared by `check-version`, sent in the payload and
 * the `User-Agent`: `--baqup-version`, else the environment, else the version the schema
 * describes. A release version in semver's canonical form, or `dev`; anything else is a usage error.
 */
export function baqupVersion(flag: unknown, env: Record<string, string | undefined>): string {
  // An empty variable is an unset one, as for DO_NOT_TRACK.
  const [given, origin] =
    flag !== undefined ? [String(flag), '--baqup-version'] : [env[BAQUP_VERSION_ENV] || undefined, BAQUP_VERSION_ENV]
  if (given === undefined) return BAQUP_VERSION
  if (given.trim() === DEVELOPMENT) return DEVELOPMENT
  const version = releaseVersion(given)
  if (version === undefined) {
    throw new UsageError(
      `${origin}: not a Baqup version: expected a release version such as ${BAQUP_VERSION}, or ${DEVELOPMENT} ` +
        `(found ${JSON.stringify(given.slice(0, 40))})`,
      { source: origin },
    )
  }
  return version
}

/** What the usage report says of the running Baqup. */
export function buildInfo(version: string): BuildInfo {
  return { version, codename: tool.codename, buildDate: tool.buildDate }
}
