import { checkAnonymized, type SchemaNode, walk } from '@baqup/core'
import type { SchemaView } from '@baqup/schemas'
import semver from 'semver'
import * as z from 'zod'
import { isDay } from '../day.js'
import type { StoredConfiguration } from '../store/configurations.js'
import type { Checked, CheckedConfigurations } from './checked-configurations.js'
import { Refused } from './refusal.js'
import { reportView, type Views } from './report-view.js'
import { dropUnknownOptions } from './unknown-options.js'

/** The checks of a usage report, in order, each with its refusal code. Messages never quote a value. */

export const MAX_CONFIGURATION_BYTES = 256 * 1024
/** `2025-01-31` (what `baqup-telemetry`'s build stamps) or a UTC time of that day (at most 24 characters: milliseconds). */
const TIME = z.iso.datetime()
const isBuildDate = (value: string) => isDay(value) || TIME.safeParse(value).success
/** What a copy of the client not built by its release build sends (`tool.ts`). */
const UNKNOWN_BUILD_DATE = 'unknown'
const FIRST_BUILD = Date.parse('2015-01-01T00:00:00Z')
const DAY_MS = 86_400_000

/**
 * The shape checks of the five fields. `version` is checked here for its form only (semver or
 * `dev`, bounded); whether the collector knows it is `known-versions.ts`'s answer. `codename` and
 * `buildDate` are checked and then dropped: the store keeps neither.
 */
const reportSchema = z.strictObject({
  version: z
    .string()
    .max(64, 'too long')
    .refine((value) => value === 'dev' || semver.valid(value) !== null, 'not a semver version or dev'),
  codename: z.string().regex(/^[a-z]{1,32}$/, 'not a lower-case word of at most 32 letters'),
  buildDate: z
    .string()
    .max(24, 'too long')
    .refine((value) => value === UNKNOWN_BUILD_DATE || isBuildDate(value), 'not a date'),
  configuration: z.base64('not base64').max(Math.ceil(MAX_CONFIGURATION_BYTES / 3) * 4, 'more than 256 KiB decoded'),
  hash: z.string().regex(/^[0-9a-f]{64}$/i, 'not 64 hexadecimal characters'),
})

export interface AcceptedReport {
  version: string
  hash: string
  configuration: StoredConfiguration
  /** Options of a release newer than the newest view, dropped before the check: counted as `unknown-options`. */
  droppedOptions: number
}

const FIELDS = Object.keys(reportSchema.shape)

function fieldProblem(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unexpected field (expected exactly ${FIELDS.join(', ')})`
  const field = String(issue.path[0] ?? 'body')
  if (issue.code === 'invalid_type') return `${field}: expected ${issue.expected}`
  return `${field}: ${issue.message}`
}

function decodeConfiguration(base64: string): Record<string, unknown> {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > MAX_CONFIGURATION_BYTES) throw new Refused('bad-field', 'configuration: more than 256 KiB decoded')
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new Refused('bad-field', 'configuration: not the base64 of a JSON text')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Refused('bad-field', 'configuration: not the base64 of a JSON object')
  }
  return parsed as Record<string, unknown>
}

/** The walked tree of a view, for dropping what a newer release's report sets and the view does not know. */
const trees = new WeakMap<SchemaView, SchemaNode>()
const treeOf = (view: SchemaView) => {
  let tree = trees.get(view)
  if (!tree) trees.set(view, (tree = walk(view.zod)))
  return tree
}

function checkConfiguration(view: SchemaView, newer: boolean, base64: string): Checked {
  const decoded = decodeConfiguration(base64)
  const { configuration, dropped } = newer
    ? dropUnknownOptions(treeOf(view), decoded)
    : { configuration: decoded, dropped: 0 }
  const schema = view.zod
  const verdict = checkAnonymized(schema, configuration)
  if (!verdict.valid) {
    throw new Refused('bad-configuration', 'configuration: does not validate against the schema', verdict.paths)
  }
  if (verdict.paths.length > 0) {
    throw new Refused('not-anonymized', 'configuration: not anonymized (anonymize would change it)', verdict.paths)
  }
  return { schema, configuration, dropped }
}

/** A build date from the first Baqup build (2015) to tomorrow: a clock a day ahead passes, a date in 2099 does not. */
function checkBuildDate(buildDate: string, now: Date): void {
  if (buildDate === UNKNOWN_BUILD_DATE) return
  const time = Date.parse(buildDate)
  if (time < FIRST_BUILD || time > now.getTime() + DAY_MS) {
    throw new Refused('bad-field', 'buildDate: not between 2015-01-01 and tomorrow')
  }
}

/**
 * A report that passes every shape check, or a {@link Refused} naming the first that fails. Its
 * configuration is checked against its own release's view (`views`, `schemaFor` by default).
 */
export function checkReport(checked: CheckedConfigurations, body: unknown, now: Date, views?: Views): AcceptedReport {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Refused('bad-field', 'expected a JSON object')
  }
  const parsed = reportSchema.safeParse(body)
  if (!parsed.success) throw new Refused('bad-field', parsed.error.issues.map(fieldProblem).join('; '))
  checkBuildDate(parsed.data.buildDate, now)
  const { view, newer } = reportView(parsed.data.version, views)
  const base64 = parsed.data.configuration
  const { dropped, ...configuration } = checked.get(newer ? `${view.version}+` : view.version, base64, () =>
    checkConfiguration(view, newer, base64),
  )
  return {
    version: parsed.data.version,
    hash: parsed.data.hash.toLowerCase(),
    configuration,
    droppedOptions: dropped,
  }
}
