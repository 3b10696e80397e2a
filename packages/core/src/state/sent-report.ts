import { isRecord } from '../report/values.js'
import { type ExchangeOutcome, isExchangeOutcome } from '../telemetry/outcome.js'

/** One entry of the audit trail as stored: what is well-formed is kept, field by field, and nothing else. */

export interface SentReport {
  /** ISO time the report was sent. */
  readonly at: string
  /** Which try of the day's report this was, from 1 (see telemetry/retry.ts); absent in entries written before retries: 1. */
  readonly try?: number
  /** Where the body went (the last URL it was written to), as displayed: no credentials, no query. */
  readonly url: string
  /** The server's HTTP status, when one answered (the redirect's, when a redirect was refused). */
  readonly status?: number
  /** How the exchange ended; absent in entries written before it was recorded, which were all answered. */
  readonly outcome?: ExchangeOutcome
  /** Hex SHA-256 of the exact body sent. */
  readonly bodySha256: string
}

const HEX_64 = /^[0-9a-f]{64}$/
const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value))
const isStatus = (value: unknown): value is number => Number.isInteger(value) && Number(value) >= 100
const isTry = (value: unknown): value is number => Number.isSafeInteger(value) && Number(value) >= 1

/**
 * An entry written before outcomes were recorded has a status and no outcome: it was answered.
 * Any other entry needs a known outcome; a status is kept when there was one.
 */
export function parseSentReport(value: unknown): SentReport | undefined {
  if (!isRecord(value) || !isTime(value.at) || typeof value.url !== 'string') return undefined
  if (typeof value.bodySha256 !== 'string' || !HEX_64.test(value.bodySha256)) return undefined
  const status = isStatus(value.status) ? value.status : undefined
  const outcome = value.outcome === undefined && status !== undefined ? undefined : value.outcome
  if (outcome !== undefined && !isExchangeOutcome(outcome)) return undefined
  if (outcome === undefined && status === undefined) return undefined
  return {
    at: value.at,
    ...(isTry(value.try) && { try: value.try }),
    url: value.url,
    ...(status !== undefined && { status }),
    ...(outcome !== undefined && { outcome }),
    bodySha256: value.bodySha256,
  }
}
