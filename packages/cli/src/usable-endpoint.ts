import { endpointProblem } from '@baqup/core'
import { UsageError } from './print.js'

/**
 * The endpoint, or a usage error (exit 2) naming where it came from: an `http:` URL to another
 * host is the operator's mistake to fix, not a failure to retry. Refused before any connection.
 */
export function usableEndpoint(url: string, origin: string): string {
  const problem = endpointProblem(url)
  if (problem) throw new UsageError(`${origin}: ${problem}`)
  return url
}
