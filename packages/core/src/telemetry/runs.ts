import type { UsagePayload } from '../report/payload.js'
import type { TelemetryClient } from './client.js'
import type { TelemetryProduct } from './defaults.js'
import { displayURL } from './endpoint.js'
import { TelemetryError } from './errors.js'
import { failureLog, type TelemetryLogger } from './logger.js'
import { newTrace } from './outcome.js'
import { nextTry, pause, type RetryPolicy, retryDeadline } from './retry.js'
import type { Clock } from './schedule.js'
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

export interface UsageReportRunOptions extends RunOptions {
  collectorURL: string
  payload: () => UsagePayload
  ledger: RunLedger
  clock: Clock
  retry: RetryPolicy
  /** The shortest wait between two runs: no try of one run is made after the next could start. */
  minimumGapMs: number
  /** Limit of one try. */
  timeoutMs: number
}

const inWords = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`)

/**
 * The day's report, tried again within its day when the collector asks for it (503, 429) or the
 * exchange was lost (see retry.ts). Each try is entered in the audit trail; a try that fails and is
 * tried again is said at debug level, the run's failure as any failure (first in a row a warning).
 */
export function usageReportRun(options: UsageReportRunOptions): Run {
  const { logger, ledger, clock, retry } = options
  const failures = failureLog(logger)
  return async (signal) => {
    const deadline = retryDeadline(clock.now(), options.minimumGapMs)
    let payload: UsagePayload | undefined
    for (let tried = 1; ; tried++) {
      const trace = newTrace()
      const of = `try ${tried} of ${retry.maxTries}`
      try {
        payload ??= options.payload()
        const sent = await sendAndRecordReport({
          collectorURL: options.collectorURL,
          payload,
          userAgent: options.product.userAgent,
          client: options.client,
          signal,
          trace,
          ledger,
          at: new Date(clock.now()).toISOString(),
          try: tried,
        })
        failures.succeeded()
        return logger.debug(
          `usage report sent to ${displayURL(sent.url)}: answer ${sent.status}, body sha256 ${sent.bodySha256}${tried > 1 ? ` (${of})` : ''}`,
        )
      } catch (error) {
        if (signal.aborted) return logger.debug('usage report cancelled: telemetry stopped')
        const message = describe(error, 'usage report')
        const { timeoutMs } = options
        const next = nextTry({
          trace,
          tried,
          now: clock.now(),
          deadline,
          timeoutMs,
          policy: retry,
          random: clock.random,
        })
        if (next.waitMs === undefined) {
          const notes = [tried > 1 && of, next.why && `not tried again: ${next.why}`].filter(Boolean)
          return failures.failed(notes.length ? `${message} (${notes.join('; ')})` : message)
        }
        logger.debug(`${message} (${of}); next try in ${inWords(next.waitMs)} (${next.after})`)
        await pause(next.waitMs, clock.timers, signal)
        if (signal.aborted) return logger.debug('usage report: next try cancelled: telemetry stopped')
      }
    }
  }
}
