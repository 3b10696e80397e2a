import type { UsagePayload } from '../payload.js'
import { BAQUP_PRODUCT } from './defaults.js'
import type { TelemetryClient } from './http.js'
import { performRequest, type TelemetryRequest } from './request.js'
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

export interface DescribeRequestsOptions extends Omit<VersionRequestOptions, 'version'> {
  /** Effective switches (defaults and DO_NOT_TRACK applied). */
  config: { checkNewVersion: boolean; sendAnonymousUsage: boolean }
  version: string
  collectorURL?: string
  payload: UsagePayload
}

export interface PlannedRequests {
  /** The version check's request; absent when the check is off or skipped (see `versionCheckSkipped`). */
  versionCheck?: TelemetryRequest
  versionCheckSkipped?: string
  /** The usage report's request; absent when usage statistics are off. */
  usageReport?: TelemetryRequest
}

/** What the runtime would send with these switches, built by the same functions that send it. */
export function describeRequests(options: DescribeRequestsOptions): PlannedRequests {
  const planned: PlannedRequests = {}
  if (options.config.checkNewVersion) {
    const skipped = versionCheckSkipReason(options.version)
    if (skipped) planned.versionCheckSkipped = skipped
    else planned.versionCheck = buildVersionRequest(options)
  }
  if (options.config.sendAnonymousUsage) {
    const { payload, collectorURL, userAgent } = options
    planned.usageReport = buildReportRequest({ payload, collectorURL, userAgent })
  }
  return planned
}
