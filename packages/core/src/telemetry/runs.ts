import type { UsagePayload } from '../report/payload.js'
import type { TelemetryClient } from './client.js'
import type { TelemetryProduct } from './defaults.js'
import { displayURL } from './endpoint.js'
import { TelemetryError } from './errors.js'
import { failureLog, type TelemetryLogger } from './logger.js'
import type { RunLedger } from './state-ledger.js'
import { sendAndRecordReport } from './usage-report.js'
import { checkNewVersion } from './version-check.js'

/** One scheduled run: never rejects, reports its own outcome. */
export type Run = (signal: AbortSignal) => Promise<void>

interface RunOptions {
  client: TelemetryClient
  logger: TelemetryLogger
  product: TelemetryProduct
}

/** A failure, in words that never carry configuration values (a TelemetryError's message is built for that). */
function describe(error: unknown, operation: string): string {
  if (error instanceof TelemetryError) return error.message
  return `${operation} failed: ${error instanceof Error ? error.name : 'unexpected failure'}`
}

export function versionCheckRun(options: RunOptions & { version: string; updateURL: string; codename?: string }): Run {
  const { logger, product } = options
  const failures = failureLog(logger)
  const announced = new Set<string>()
  return async (signal) => {
    try {
      const result = await checkNewVersion({
        version: options.version,
        updateURL: options.updateURL,
        repository: product.repository,
        userAgent: product.userAgent,
        client: options.client,
        signal,
      })
      failures.succeeded()
      if (result.skipped) return logger.debug(`version check skipped: ${result.skipped}`)
      if (!result.newer || !result.newest) return logger.debug(`version check: ${result.current} is up to date`)
      // One warning per newer release: a daily repeat of the same news is noise.
      if (announced.has(result.newest))
        return logger.debug(`version check: ${result.newest} is available (said already)`)
      announced.add(result.newest)
      const running = options.codename ? `${result.current} "${options.codename}"` : result.current
      logger.warn(`A newer ${product.name} release is available: ${result.newest} (running ${running}).`)
    } catch (error) {
      if (signal.aborted) return logger.debug('version check cancelled: telemetry stopped')
      failures.failed(describe(error, 'version check'))
    }
  }
}

export function usageReportRun(
  options: RunOptions & { collectorURL: string; payload: () => UsagePayload; ledger: RunLedger; now: () => number },
): Run {
  const { logger, ledger } = options
  const failures = failureLog(logger)
  return async (signal) => {
    const at = new Date(options.now()).toISOString()
    try {
      const sent = await sendAndRecordReport({
        collectorURL: options.collectorURL,
        payload: options.payload(),
        userAgent: options.product.userAgent,
        client: options.client,
        signal,
        ledger,
        at,
      })
      failures.succeeded()
      logger.debug(
        `usage report sent to ${displayURL(sent.url)}: answer ${sent.status}, body sha256 ${sent.bodySha256}`,
      )
    } catch (error) {
      if (signal.aborted) return logger.debug('usage report cancelled: telemetry stopped')
      failures.failed(describe(error, 'usage report'))
    }
  }
}
