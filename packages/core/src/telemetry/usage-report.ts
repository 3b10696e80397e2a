import type { UsagePayload } from '../payload.js'
import { BAQUP_PRODUCT } from './defaults.js'
import { displayURL } from './endpoint.js'
import { TelemetryError } from './errors.js'
import type { TelemetryClient } from './http.js'
import { performRequest, type TelemetryRequest } from './request.js'
import type { RunLedger } from './state-ledger.js'
import { buildVersionRequest, type VersionRequestOptions, versionCheckSkipReason } from './version-check.js'

export interface ReportRequestOptions {
  collectorURL?: string
  payload: UsagePayload
  /** `User-Agent` token (`baqup` → `baqup/<payload.version>`). */
  userAgent?: string
}

export interface SendUsageReportOptions extends ReportRequestOptions {
  client: TelemetryClient
  signal?: AbortSignal
}

export interface UsageReportResult {
  url: string
  status: number
  /** SHA-256 (hex) of the body sent: compare with `inspect`'s to audit what left the machine. */
  bodySha256: string
}

/** Exactly the five fields, in this order, whatever else the payload object carries. */
export function reportBody(payload: UsagePayload): string {
  const { version, codename, buildDate, configuration, hash } = payload
  return JSON.stringify({ version, codename, buildDate, configuration, hash })
}

export function buildReportRequest(options: ReportRequestOptions): TelemetryRequest {
  return {
    method: 'POST',
    url: options.collectorURL ?? BAQUP_PRODUCT.collectorURL,
    headers: {
      'User-Agent': `${options.userAgent ?? BAQUP_PRODUCT.userAgent}/${options.payload.version}`,
      Accept: 'application/json',
      'Content-Type': 'application/json; charset=utf-8',
    },
    body: reportBody(options.payload),
  }
}

/** POSTs the report; a status outside 2xx is a TelemetryError (with `status` and `bodySha256`). */
export async function sendUsageReport(options: SendUsageReportOptions): Promise<UsageReportResult> {
  const request = buildReportRequest(options)
  const answer = await performRequest(options.client, 'usage-report', request, options.signal)
  return { url: request.url, status: answer.status, bodySha256: answer.bodySha256 as string }
}

/**
 * Sends the report and enters it in the audit trail, also when the server answered with an error:
 * the body left the machine all the same. URLs are recorded as displayed (no credentials, no query).
 */
export async function sendAndRecordReport(
  options: SendUsageReportOptions & { ledger: Pick<RunLedger, 'recordReport'>; at: string },
): Promise<UsageReportResult> {
  const { ledger, at } = options
  try {
    const sent = await sendUsageReport(options)
    ledger.recordReport({ at, url: displayURL(sent.url), status: sent.status, bodySha256: sent.bodySha256 })
    return sent
  } catch (error) {
    if (error instanceof TelemetryError && error.status !== undefined && error.bodySha256 !== undefined) {
      ledger.recordReport({ at, url: error.url, status: error.status, bodySha256: error.bodySha256 })
    }
    throw error
  }
}

export interface DescribeRequestsOptions extends Omit<VersionRequestOptions, 'version'> {
  /** Effective switches (defaults and DO_NOT_TRACK applied). */
  config: { checkNewVersion: boolean; sendAnonymousUsage: boolean }
  version: string
  collectorURL?: string
  payload: UsagePayload
}

/** One mechanism as `inspect` shows it: whether it runs, and the exact request it makes (or would, once on). */
export interface PlannedRequest {
  enabled: boolean
  request?: TelemetryRequest
  /** Why there is no request at all (a `dev` build has no version to compare). */
  skipped?: string
}

export interface PlannedRequests {
  versionCheck: PlannedRequest
  usageReport: PlannedRequest
}

/** What the runtime sends with these switches, built by the same functions that send it. */
export function describeRequests(options: DescribeRequestsOptions): PlannedRequests {
  const skipped = versionCheckSkipReason(options.version)
  const { payload, collectorURL, userAgent } = options
  return {
    versionCheck: {
      enabled: options.config.checkNewVersion,
      ...(skipped ? { skipped } : { request: buildVersionRequest(options) }),
    },
    usageReport: {
      enabled: options.config.sendAnonymousUsage,
      request: buildReportRequest({ payload, collectorURL, userAgent }),
    },
  }
}
