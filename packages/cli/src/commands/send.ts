import {
  createTelemetryClient,
  displayURL,
  sendAndRecordReport,
  stateLedger,
  switchAdvice,
  type TelemetryRequest,
} from '@baqup/core'
import { configuredSwitches, endpoints, type Inspection, inspectConfiguration } from '../inspection.js'
import { writeJSON } from '../print.js'
import { product } from '../product.js'
import { usableEndpoint } from '../usable-endpoint.js'

export interface SendFlags {
  dryRun?: boolean
  collectorUrl?: string
  json?: boolean
}

/** What `send --json` prints; `message` is what is said without `--json`. */
export interface SendJSON {
  sent: boolean
  /** Why nothing was sent. */
  reason: 'disabled' | 'do-not-track' | 'dry-run' | null
  message: string
  /** The collector, as shown: no credentials, no query (the last URL after redirects, once sent). */
  url: string
  /** The collector's answer, once sent. */
  status: number | null
  outcome: string | null
  /** SHA-256 of the body sent, as `history` lists it. */
  bodySha256: string | null
  /** `--dry-run` only: the exact request that would be sent. */
  request?: TelemetryRequest
  warnings: string[]
}

/** What would switch usage statistics on: only sources that would be read. */
function howToSend({ loaded, mechanisms }: Inspection): string {
  const steps = mechanisms.usageStatistics.why === 'DO_NOT_TRACK' ? ['unset DO_NOT_TRACK'] : []
  if (!configuredSwitches(loaded).sendAnonymousUsage) {
    const path = product.options.sendAnonymousUsage
    steps.push(switchAdvice({ path, to: true, envPrefix: product.envPrefix, origins: loaded }))
  }
  return steps.join(', and ')
}

function print(result: SendJSON, json: boolean | undefined, text = `${result.message}\n`): void {
  const { sent, reason, message, url, status, outcome, bodySha256, request, warnings } = result
  // The documented key order, whatever order the result was built in.
  if (json) return writeJSON({ sent, reason, message, url, status, outcome, bodySha256, request, warnings })
  if (result.reason === 'dry-run') process.stderr.write(`${result.message}\n`)
  process.stdout.write(text)
}

/** Sends one usage report now, if the configuration allows it; `--dry-run` prints the exact request instead. */
export async function send(flags: SendFlags, configFlags: readonly string[], version: string): Promise<void> {
  const overrides = { collectorURL: flags.collectorUrl }
  const warnings: string[] = []
  const warn = flags.json ? (message: string) => warnings.push(message) : undefined
  const inspection = inspectConfiguration({ configFlags, env: process.env, version, endpoints: overrides, warn })
  if (flags.json) warnings.unshift(...inspection.loaded.warnings)
  else for (const warning of inspection.loaded.warnings) process.stderr.write(`baqup-telemetry: warning: ${warning}\n`)
  const { collectorURL } = endpoints(process.env, overrides)
  const unsent = { sent: false, url: displayURL(collectorURL), status: null, outcome: null, bodySha256: null, warnings }
  const { usageStatistics } = inspection.mechanisms
  if (!usageStatistics.enabled) {
    const { why } = usageStatistics
    const message = `nothing sent: usage statistics are disabled (decided by: ${why}); to send, ${howToSend(inspection)}`
    return print({ ...unsent, reason: why === 'DO_NOT_TRACK' ? 'do-not-track' : 'disabled', message }, flags.json)
  }
  usableEndpoint(collectorURL, flags.collectorUrl === undefined ? 'BAQUP_TELEMETRY_COLLECTOR_URL' : '--collector-url')
  const request = usageStatistics.request
  if (flags.dryRun && request) {
    const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)
    const text = `${[`${request.method} ${request.url}`, ...headers, '', request.body].join('\n')}\n`
    return print({ ...unsent, reason: 'dry-run', message: 'dry run: nothing was sent', request }, flags.json, text)
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
  const url = displayURL(sent.url)
  print(
    {
      sent: true,
      reason: null,
      message: `sent to ${url}: status ${sent.status}, body SHA-256 ${sent.bodySha256}`,
      url,
      status: sent.status,
      outcome: 'answered',
      bodySha256: sent.bodySha256,
      warnings,
    },
    flags.json,
  )
}
