import { createTelemetryClient, displayURL, sendAndRecordReport, stateLedger } from '@baqup/core'
import { endpoints, inspectConfiguration } from '../inspection.js'
import { usableEndpoint } from '../usable-endpoint.js'

export interface SendFlags {
  dryRun?: boolean
  collectorUrl?: string
}

/** Sends one usage report now, if the configuration allows it; `--dry-run` prints the exact request instead. */
export async function send(flags: SendFlags, configFlags: readonly string[]): Promise<void> {
  const overrides = { collectorURL: flags.collectorUrl }
  const inspection = inspectConfiguration({ configFlags, env: process.env, endpoints: overrides })
  const { usageStatistics } = inspection.mechanisms
  if (!usageStatistics.enabled) {
    const how = usageStatistics.why === 'DO_NOT_TRACK' ? 'unset DO_NOT_TRACK' : 'set --global.sendAnonymousUsage=true'
    process.stdout.write(
      `nothing sent: usage statistics are disabled (decided by: ${usageStatistics.why}); to send, ${how}\n`,
    )
    return
  }
  const { collectorURL } = endpoints(process.env, overrides)
  usableEndpoint(collectorURL, flags.collectorUrl === undefined ? 'BAQUP_TELEMETRY_COLLECTOR_URL' : '--collector-url')
  const request = usageStatistics.request
  if (flags.dryRun && request) {
    const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)
    process.stdout.write(`${[`${request.method} ${request.url}`, ...headers, '', request.body].join('\n')}\n`)
    process.stderr.write('dry run: nothing was sent\n')
    return
  }
  const ledger = stateLedger(inspection.statePath)
  const at = Date.now()
  ledger.recordRun('usage-report', at)
  const sent = await sendAndRecordReport({
    collectorURL,
    payload: inspection.payload,
    client: createTelemetryClient({ env: process.env }),
    ledger,
    at: new Date(at).toISOString(),
  })
  process.stdout.write(`sent to ${displayURL(sent.url)}: status ${sent.status}, body SHA-256 ${sent.bodySha256}\n`)
}
