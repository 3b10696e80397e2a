import { buildReportRequest, createTelemetryClient, sendUsageReport, stateLedger, TelemetryError } from '@baqup/core'
import { endpoints, inspectConfiguration } from '../inspection.js'
import { usableEndpoint } from '../usable-endpoint.js'

export interface SendFlags {
  dryRun?: boolean
  collectorUrl?: string
}

/** Sends one usage report now, if the configuration allows it; `--dry-run` prints the exact request instead. */
export async function send(flags: SendFlags, configFlags: readonly string[]): Promise<void> {
  const inspection = inspectConfiguration({ configFlags, env: process.env })
  const { collectorURL } = endpoints(process.env, { collectorURL: flags.collectorUrl })
  const { usageStatistics } = inspection.mechanisms
  if (!usageStatistics.enabled) {
    const how = usageStatistics.why === 'DO_NOT_TRACK' ? 'unset DO_NOT_TRACK' : 'set --global.sendAnonymousUsage=true'
    process.stdout.write(
      `nothing sent: usage statistics are disabled (decided by: ${usageStatistics.why}); to send, ${how}\n`,
    )
    return
  }
  usableEndpoint(collectorURL, flags.collectorUrl === undefined ? 'BAQUP_TELEMETRY_COLLECTOR_URL' : '--collector-url')
  const { payload } = inspection
  if (flags.dryRun) {
    const request = buildReportRequest({ payload, collectorURL })
    const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)
    process.stdout.write(`${[`${request.method} ${request.url}`, ...headers, '', request.body].join('\n')}\n`)
    process.stderr.write('dry run: nothing was sent\n')
    return
  }
  const client = createTelemetryClient({ env: process.env })
  const ledger = stateLedger(inspection.statePath)
  const at = Date.now()
  ledger.recordRun('usage-report', at)
  const record = (url: string, status: number, bodySha256: string) =>
    ledger.recordReport({ at: new Date(at).toISOString(), url, status, bodySha256 })
  try {
    const result = await sendUsageReport({ collectorURL, payload, client })
    record(result.url, result.status, result.bodySha256)
    process.stdout.write(`sent to ${result.url}: status ${result.status}, body SHA-256 ${result.bodySha256}\n`)
  } catch (error) {
    // A server that answered with an error still received the report: the audit trail says so.
    if (error instanceof TelemetryError && error.status !== undefined && error.bodySha256 !== undefined) {
      record(error.url, error.status, error.bodySha256)
    }
    throw error
  }
}
