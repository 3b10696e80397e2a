import { NEWEST_RELEASE, type SchemaView, schemaFor } from '@baqup/schemas'
import { DEVELOPMENT } from './known-versions.js'
import { Refused } from './refusal.js'

/**
 * The schema view a report is checked against: its own release's (`2.11.4` → 2.11), `dev` → the
 * newest. A release newer than the newest view (3.8 while the newest is 3.7) is checked against
 * the newest view too, with the options that view does not know dropped first (`unknown-options.ts`):
 * its reports count from the day it ships, and nothing the collector cannot check is stored.
 */

/** The view of a Baqup version (`schemaFor` of `@baqup/schemas`, or a test's). */
export type Views = (version: string) => SchemaView

export interface ReportView {
  readonly view: SchemaView
  /** The report's release is newer than the newest view: paths the view does not know are dropped. */
  readonly newer: boolean
}

const MAJOR_MINOR = /^(\d+)\.(\d+)\./
const [NEWEST_MAJOR, NEWEST_MINOR] = NEWEST_RELEASE.split('.').map(Number) as [number, number]

function isNewer(version: string): boolean {
  const [, major, minor] = MAJOR_MINOR.exec(version) ?? []
  if (major === undefined || minor === undefined) return false
  return Number(major) > NEWEST_MAJOR || (Number(major) === NEWEST_MAJOR && Number(minor) > NEWEST_MINOR)
}

/** The view of a report's version (semver or `dev`, as `reportSchema` checked), or `unknown-version` when none describes it. */
export function reportView(version: string, views: Views = schemaFor): ReportView {
  const newer = version !== DEVELOPMENT && isNewer(version)
  try {
    return { view: views(version), newer }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    // Before 2.0, or a minor that never was (2.12): no view. The message never quotes the version.
    throw new Refused('unknown-version', 'version: no release from 2.0 on that this collector describes')
  }
}
