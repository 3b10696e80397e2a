import { checkAnonymized } from '@baqup/core'
import semver from 'semver'
import * as z from 'zod'
import type { StoredConfiguration } from '../store/configurations.js'
import type { CheckedConfigurations } from './checked-configurations.js'
import { Refused } from './refusal.js'

/** The checks of a usage report, in order, each with its refusal code. Messages never quote a value. */

export const MAX_CONFIGURATION_BYTES = 256 * 1024
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

const reportSchema = z.strictObject({
  version: z.string().refine((value) => value === 'dev' || semver.valid(value) !== null, 'not a semver version or dev'),
  codename: z.string().max(64, 'too long'),
  buildDate: z.string().refine((value) => DATE.test(value) && !Number.isNaN(Date.parse(value)), 'not a date'),
  configuration: z
    .string()
    .max(Math.ceil(MAX_CONFIGURATION_BYTES / 3) * 4, 'more than 256 KiB decoded')
    .regex(BASE64, 'not base64'),
  hash: z.string().regex(/^[0-9a-f]{64}$/i, 'not 64 hexadecimal characters'),
})

export interface AcceptedReport {
  version: string
  codename: string
  buildDate: string
  hash: string
  configuration: StoredConfiguration
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

function checkConfiguration(schema: z.ZodType, base64: string): Record<string, unknown> {
  const configuration = decodeConfiguration(base64)
  const verdict = checkAnonymized(schema, configuration)
  if (!verdict.valid) {
    throw new Refused('bad-configuration', 'configuration: does not validate against the schema', verdict.paths)
  }
  if (verdict.paths.length > 0) {
    throw new Refused('not-anonymized', 'configuration: not anonymized (anonymize would change it)', verdict.paths)
  }
  return configuration
}

/** A report that passes every check, or a {@link Refused} naming the first that fails. */
export function checkReport(schema: z.ZodType, checked: CheckedConfigurations, body: unknown): AcceptedReport {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Refused('bad-field', 'expected a JSON object')
  }
  const parsed = reportSchema.safeParse(body)
  if (!parsed.success) throw new Refused('bad-field', parsed.error.issues.map(fieldProblem).join('; '))
  const base64 = parsed.data.configuration
  const configuration = checked.get(base64, () => checkConfiguration(schema, base64))
  return { ...parsed.data, hash: parsed.data.hash.toLowerCase(), configuration }
}
