import { createServer } from 'node:http'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type * as z from 'zod'
import type { CollectorConfig } from '../config/schema.js'
import { registerDashboard } from '../dashboard/routes.js'
import { WINDOWS } from '../dashboard/windows.js'
import { registerStatsRoutes } from '../stats/routes.js'
import { GroupCommitter } from '../store/batcher.js'
import type { Store } from '../store/store.js'
import { type BurstLog, burstLog } from './burst-log.js'
import { CheckedConfigurations } from './checked-configurations.js'
import { answerClientError, answerFrameworkError, shapeErrors } from './errors.js'
import { health } from './health.js'
import { BODY_LIMIT, ingest } from './ingest.js'
import { keptAddress } from './ip.js'
import { knownVersions } from './known-versions.js'
import type { Log } from './log.js'
import { createMetrics, type Metrics } from './metrics.js'
import { NetworkCap } from './network-cap.js'
import { fileReleases, type ReleasesSource, upstreamReleases } from './releases.js'
import { update } from './update.js'

export type { Log } from './log.js'

export interface CollectorOptions {
  config: CollectorConfig
  store: Store
  /** The configuration schema reports are checked against. */
  schema: z.ZodType
  now?: () => Date
  log?: Log
  releases?: ReleasesSource
  /**
   * Where store failures are counted into one log line per burst: `main` shares it with the
   * ClickHouse client's logger, so that an outage is a few lines, whoever notices it.
   */
  storeFailures?: BurstLog
}

export interface Collector {
  app: FastifyInstance
  metrics: Metrics
  committer: GroupCommitter
  /** The dashboard's summaries, computed once the server listens, so that its first visitor waits for none. */
  warmStatistics(): Promise<void>
  /** Stops accepting, answers what is in flight, commits what is waiting. The store stays open. */
  close(): Promise<void>
}

function releasesSource(config: CollectorConfig, log: Log, now: () => Date): ReleasesSource | undefined {
  if (config.releases) return fileReleases(config.releases, log)
  if (config.releasesUpstream) return upstreamReleases(config.releasesUpstream, log, { now: () => now().getTime() })
  return undefined
}

function fastify(config: CollectorConfig): FastifyInstance {
  const timeout = config.requestTimeout
  return Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    requestTimeout: timeout,
    connectionTimeout: timeout,
    // Requests that arrive while closing get the collector's own 503 (see `shapeErrors`).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    // Node checks request deadlines every `connectionsCheckingInterval` (30 s by default): a slow
    // client is cut off within a second of its deadline instead.
    serverFactory: (handler) =>
      createServer(
        { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: 1000, keepAliveTimeout: 5000 },
        handler,
      ),
  })
}

/** The collector's public server: each concern a Fastify plugin, over one store and one group committer. */
export function createCollector(options: CollectorOptions): Collector {
  const { config, store, schema } = options
  const now = options.now ?? (() => new Date())
  const log: Log = options.log ?? (() => {})
  const metrics = createMetrics()
  const storeFailures = options.storeFailures ?? burstLog(log, 'store-failing', { now: () => now().getTime() })
  let lastCommitFailed = false
  let closing = false
  const committer = new GroupCommitter((batch) => store.write(batch), config.batchSize, {
    committed(reports, seconds) {
      lastCommitFailed = false
      storeFailures.succeeded()
      metrics.storeSeconds.observe(seconds)
      metrics.batchSize.observe(reports)
    },
    failed(error) {
      lastCommitFailed = true
      metrics.unavailable.inc()
      storeFailures.failed('commit', String((error as Error)?.message ?? error))
    },
  })
  const app = fastify(config)
  // JSON only: a text body is refused as such, not read as a string.
  app.removeContentTypeParser('text/plain')
  shapeErrors(app, log, () => closing)
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown'
    metrics.requests.inc({ route, status: String(reply.statusCode) })
    log('request', { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) })
  })

  const kept = (request: FastifyRequest) => keptAddress(config.ip, request.ip)
  const checked = new CheckedConfigurations(schema)
  const releases = options.releases ?? releasesSource(config, log, now)
  const known = knownVersions(releases)
  // With `--ip=none` no network is known: the cap is off (the statistics say networks are unknown).
  const cap =
    config.ip === 'none'
      ? undefined
      : new NetworkCap(config.maxInstallationsPerNetwork, (day, network) => store.installationsPerNetwork(day, network))
  app.register(ingest, { schema, checked, committer, metrics, log, now, kept, known, cap })
  app.register(update, {
    releases,
    known,
    committer,
    metrics,
    now,
    kept,
  })
  app.register(health, { store, lastCommitFailed: () => lastCommitFailed })
  let statistics: ReturnType<typeof registerStatsRoutes> | undefined
  app.register(async (scope) => {
    statistics = registerStatsRoutes(scope, { store, schema, config, now })
  })
  app.register(async (scope) => registerDashboard(scope, { schema }))

  return {
    app,
    metrics,
    committer,
    async warmStatistics() {
      await app.ready()
      await statistics?.warm(WINDOWS)
    },
    async close() {
      closing = true
      await app.close()
      await committer.flush()
    },
  }
}
