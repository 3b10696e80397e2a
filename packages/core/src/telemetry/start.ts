import type { UsagePayload } from '../report/payload.js'
import type { TelemetryClient } from './client.js'
import { BAQUP_PRODUCT, TELEMETRY_LIMITS, type TelemetryProduct } from './defaults.js'
import { effectiveSwitches, type TelemetrySwitches } from './do-not-track.js'
import { endpointProblem } from './endpoint.js'
import { OPERATION_NAMES, type TelemetryOperation } from './errors.js'
import { createTelemetryClient } from './http.js'
import { safeLogger, type TelemetryLogger } from './logger.js'
import type { Environment } from './proxy.js'
import { RETRY_POLICY, type RetryPolicy } from './retry.js'
import { type Run, usageReportRun, versionCheckRun } from './runs.js'
import { type Clock, type ScheduledJob, schedulePeriodic, type Timers } from './schedule.js'
import { startupLines } from './startup-log.js'
import { type RunLedger, stateLedger } from './state-ledger.js'
import type { SwitchOrigins } from './switch-advice.js'

export interface StartTelemetryOptions {
  /** The configured switches (`global.checkNewVersion`, `global.sendAnonymousUsage`); DO_NOT_TRACK applies on top. */
  config: TelemetrySwitches
  /**
   * Where the configuration came from and which source decided each switch (`loadConfig`'s
   * `source` and `switches`): the start-up lines name it, and an opt-out in it always holds.
   */
  origins?: SwitchOrigins
  /** Builds the usage report's body, called at each report only. */
  payload: () => UsagePayload
  version: string
  /** Named beside the version in the new-release warning. */
  codename?: string
  logger: TelemetryLogger
  updateURL?: string
  collectorURL?: string
  /** The state file: installation key, last runs, audit trail. */
  statePath: string
  /** Read for DO_NOT_TRACK and the proxy variables. */
  env: Environment
  docsURL?: string
  product?: Partial<TelemetryProduct>
  now?: () => number
  timers?: Timers
  random?: () => number
  client?: TelemetryClient
  /** Limit of each request (default 10 s). */
  timeoutMs?: number
  /** How a usage report is tried again within its day (default `RETRY_POLICY`: 3 tries, waits of at most 1 h). */
  retry?: Partial<RetryPolicy>
}

export interface TelemetryHandle {
  /**
   * When each mechanism that runs will run next (epoch ms), in start order; none when both are
   * off. Reads the state file for the last runs: a run too soon after one of them is put off.
   */
  nextRuns(): { operation: TelemetryOperation; at: number }[]
  /** Clears the timers and aborts requests in flight. Never rejects. */
  stop(): Promise<void>
}

const NOTHING_RUNNING: TelemetryHandle = { nextRuns: () => [], stop: async () => {} }

function jobFor(
  operation: 'version-check' | 'usage-report',
  run: Run,
  { ledger, clock, logger }: { ledger: RunLedger; clock: Clock; logger: TelemetryLogger },
): ScheduledJob {
  return schedulePeriodic(
    {
      run,
      skipped: (reason) => logger.debug(`${OPERATION_NAMES[operation]} skipped: ${reason}`),
      lastRun: () => ledger.lastRun(operation),
      recordRun: (at) => ledger.recordRun(operation, at),
      firstDelayMs: TELEMETRY_LIMITS.firstRunDelayMs,
      intervalMs: TELEMETRY_LIMITS.intervalMs,
      jitterMs: TELEMETRY_LIMITS.jitterMs,
    },
    clock,
  )
}

function start(options: StartTelemetryOptions, logger: TelemetryLogger): TelemetryHandle {
  const product: TelemetryProduct = { ...BAQUP_PRODUCT, ...options.product }
  const updateURL = options.updateURL ?? product.updateURL
  const collectorURL = options.collectorURL ?? product.collectorURL
  const configured = { ...options.config }
  for (const key of ['checkNewVersion', 'sendAnonymousUsage'] as const) {
    if (options.origins?.switches[product.options[key]]?.value === false) configured[key] = false
  }
  const switches = effectiveSwitches(configured, options.env)
  // An endpoint that is refused (not https:, not loopback) switches its mechanism off before the
  // start-up lines are written, so that they say what really happens.
  const endpoints = { checkNewVersion: updateURL, sendAnonymousUsage: collectorURL } as const
  const refused: Partial<Record<keyof typeof endpoints, string>> = {}
  for (const key of ['checkNewVersion', 'sendAnonymousUsage'] as const) {
    const problem = switches[key] ? endpointProblem(endpoints[key]) : undefined
    if (problem) {
      refused[key] = problem
      switches[key] = false
    }
  }
  const lines = startupLines({
    ...configured,
    doNotTrack: switches.doNotTrack,
    origins: options.origins,
    docsURL: options.docsURL,
    updateURL,
    collectorURL,
    product,
    refused,
  })
  lines.forEach((line, index) => {
    const key = index === 0 ? 'checkNewVersion' : 'sendAnonymousUsage'
    if (refused[key]) logger.warn(line)
    else logger.info(line)
  })
  if (!switches.checkNewVersion && !switches.sendAnonymousUsage) return NOTHING_RUNNING

  const client = options.client ?? createTelemetryClient({ env: options.env, timeoutMs: options.timeoutMs })
  const now = options.now ?? Date.now
  const clock: Clock = {
    now,
    timers: options.timers ?? { setTimeout, clearTimeout },
    random: options.random ?? Math.random,
  }
  const ledger = stateLedger(options.statePath, logger)
  const common = { client, logger, product }
  const jobs: { operation: TelemetryOperation; job: ScheduledJob }[] = []
  if (switches.checkNewVersion) {
    const run = versionCheckRun({ ...common, version: options.version, updateURL, codename: options.codename })
    jobs.push({ operation: 'version-check', job: jobFor('version-check', run, { ledger, clock, logger }) })
  }
  if (switches.sendAnonymousUsage) {
    const run = usageReportRun({
      ...common,
      collectorURL,
      payload: options.payload,
      ledger,
      clock,
      retry: { ...RETRY_POLICY, ...options.retry },
      minimumGapMs: TELEMETRY_LIMITS.intervalMs - TELEMETRY_LIMITS.jitterMs,
      timeoutMs: options.timeoutMs ?? TELEMETRY_LIMITS.timeoutMs,
    })
    jobs.push({ operation: 'usage-report', job: jobFor('usage-report', run, { ledger, clock, logger }) })
  }
  return {
    nextRuns: () =>
      jobs.flatMap(({ operation, job }) => {
        const at = job.nextRunAt()
        return at === undefined ? [] : [{ operation, at }]
      }),
    stop: async () => {
      await Promise.allSettled(jobs.map(({ job }) => job.stop()))
    },
  }
}

/**
 * Starts the version check and the usage report on their schedule (first 10 min after start, then
 * daily with jitter) and logs the startup lines. Returns at once; touches no file and makes no
 * request before the first run; never throws, and nothing it schedules ever does.
 */
export function startTelemetry(options: StartTelemetryOptions): TelemetryHandle {
  const logger = safeLogger(options.logger)
  try {
    return start(options, logger)
  } catch (error) {
    logger.warn(
      `Telemetry did not start (${error instanceof Error ? error.name : 'unexpected failure'}); nothing will be sent.`,
    )
    return NOTHING_RUNNING
  }
}
