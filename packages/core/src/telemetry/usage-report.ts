import type { UsagePayload } from '../report/payload.js'
import type { TelemetryClient, TelemetryRequest } from './client.js'
import { BAQUP_PRODUCT } from './defaults.js'
import { displayURL } from './endpoint.js'
import { type ExchangeTrace, newTrace } from './outcome.js'
import { performRequest, sha256Hex } from './request.js'
import type { RunLedger } from './state-ledger.js'
import { buildVersionRequest, type VersionRequestOptions, versionCheckSkipReason } from './version-check.js'
import { wireHeaders } from './wire.js'

export interface ReportRequestOptions {
  collectorURL?: string
  payload: UsagePayload
  /** `User-Agent` token (`baqup` → `baqup/<payload.version>`). */
  userAgent?: string
}

export interface SendUsageReportOptions extends ReportRequestOptions {
  client: TelemetryClient
  signal?: AbortSignal
  /** Filled in as the report goes: whether it was written, where, and how it ended. */
  trace?: ExchangeTrace
}

export interface UsageReportResult {
  /** Where the body went: the collector (a report follows no redirect). */
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
  const url = options.collectorURL ?? BAQUP_PRODUCT.collectorURL
  const body = reportBody(options.payload)
  const own = {
    'User-Agent': `${options.userAgent ?? BAQUP_PRODUCT.userAgent}/${options.payload.version}`,
    Accept: 'application/json',
    'Content-Type': 'application/json; charset=utf-8',
  }
  return { method: 'POST', url, headers: wireHeaders(url, own, body), body }
}

/** POSTs the report, following no redirect; a status outside 2xx is a TelemetryError (with `status`). */
export async function sendUsageReport(options: SendUsageReportOptions): Promise<UsageReportResult> {
  const request = buildReportRequest(options)
  const { signal, trace } = options
  const answer = await performRequest(options.client, 'usage-report', request, { signal, trace })
  return { url: answer.url, status: answer.status, bodySha256: sha256Hex(request.body as string) }
}

/**
 * Sends the report and enters it in the audit trail whenever its body may have left the machine,
 * however the exchange ended (an answer of any status, a refused redirect, an oversized answer, a
 * timeout or a cancellation after sending): one place, not one per failure. URLs are recorded as
 * displayed (no credentials, no query). `try` numbers the tries of one day's report (default 1).
 */
export async function sendAndRecordReport(
  options: SendUsageReportOptions & { ledger: Pick<RunLedger, 'recordReport'>; at: string; try?: number },
): Promise<UsageReportResult> {
  const { ledger, at, try: tried = 1 } = options
  const trace = options.trace ?? newTrace()
  const bodySha256 = sha256Hex(reportBody(options.payload))
  try {
    return await sendUsageReport({ ...options, trace })
  } finally {
    if (trace.sent) {
      const { url = buildReportRequest(options).url, status, outcome = 'connection-lost' } = trace
      const shown = displayURL(url)
      ledger.recordReport({ at, try: tried, url: shown, ...(status !== undefined && { status }), outcome, bodySha256 })
    }
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
