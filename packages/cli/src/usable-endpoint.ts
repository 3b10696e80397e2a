import { endpointProblem } from '@baqup/core'
import { endpoints } from './inspection.js'
import { UsageError } from './print.js'

/**
 * The endpoint, or a usage error (exit 2) naming where it came from: an `http:` URL to another
 * host is the operator's mistake to fix, not a failure to retry. Refused before any connection.
 */
export function usableEndpoint(url: string, origin: string): string {
  const problem = endpointProblem(url)
  if (problem) throw new UsageError(`${origin}: ${problem}`, { source: origin })
  return url
}

/**
 * Both endpoints the environment chooses, refused as `send` and `check-version` refuse them: what
 * `inspect` shows is a request that can be sent.
 */
export function usableEndpoints(env: Record<string, string | undefined>): void {
  const { updateURL, collectorURL } = endpoints(env)
  usableEndpoint(updateURL, 'BAQUP_TELEMETRY_UPDATE_URL')
  usableEndpoint(collectorURL, 'BAQUP_TELEMETRY_COLLECTOR_URL')
}
