import { type MinorRelease, minorRelease, type SchemaView, schemaFor } from '@baqup/schemas'
import { UsageError } from './print.js'
import { BAQUP_VERSION_ENV } from './tool.js'

/** A Baqup version no view describes (before 2.0, or not a version) as the usage error it is (exit 2). */
function asUsageError(error: unknown): unknown {
  if (!(error instanceof RangeError)) return error
  return new UsageError(`--baqup-version (or ${BAQUP_VERSION_ENV}): ${error.message}`, { source: '--baqup-version' })
}

/** The minor release a Baqup version belongs to (`2.11.3` → 2.11; `dev` and later releases → the newest). */
export function releaseOf(version: string): MinorRelease {
  try {
    return minorRelease(version)
  } catch (error) {
    throw asUsageError(error)
  }
}

/**
 * The static configuration of the release the running Baqup version belongs to: what loading,
 * flags, anonymizing, hashing and the payload read.
 */
export function releaseView(version: string): SchemaView {
  releaseOf(version)
  return schemaFor(version)
}
