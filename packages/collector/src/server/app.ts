import { createServer } from 'node:http'
import { allReleasesSchema } from '@baqup/schemas'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, LogController } from 'fastify'
import type { CollectorConfig } from '../config/schema.js'
import { registerDashboard } from '../dashboard/routes.js'
import { WINDOWS } from '../dashboard/windows.js'
import { releaseSchemaRoute } from '../stats/release-schema.js'
import { registerStatsRoutes } from '../stats/routes.js'
import { GroupCommitter } from '../store/batcher.js'
import type { Store } from '../store/store.js'
import { type BurstLog, burstLog } from './burst-log.js'
import { CheckedConfigurations } from './checked-configurations.js'
import { answerClientError, answerFrameworkError, shapeErrors } from './errors.js'
import { health } from './health.js'
import { BODY_LIMIT, ingest } from './ingest.js'
import { keptAddress, type Locate } from './ip.js'
import { knownVersions } from './known-versions.js'
import { type Logger, silentLogger } from './log.js'
import { createMetrics, type Metrics } from './metrics.js'
import { NetworkCap } from './network-cap.js'
import { fileReleases, type ReleasesSource, upstreamReleases } from './releases.js'
import type { Views } from './report-view.js'
import { update } from './update.js'

export type { Logger } from './log.js'

export interface CollectorOptions {
  config: CollectorConfig
  store: Store
  /**
   * The schema view of a release (`schemaFor` of `@baqup/schemas` by default): each report is
   * checked against its own release's, `/api/v1/schema/<version>` publishes it.
   */
  views?: Views
  now?: () => Date
  /** Where an address is (`Geo.lookup`); none: no country or autonomous system is kept (`--geo=off`). */
  locate?: Locate
  /** Where the collector's lines go (`createLogger`); Fastify logs through it too. None by default. */
  logger?: Logger
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

function releasesSource(config: CollectorConfig, log: Logger, now: () => Date): ReleasesSource | undefined {
  const warn = (event: string, fields: Record<string, unknown>) => log.warn({ event, ...fields })
  if (config.releases) return fileReleases(config.releases, warn)
  if (config.releasesUpstream) return upstreamReleases(config.releasesUpstream, warn, { now: () => now().getTime() })
  return undefined
}

function fastify(config: CollectorConfig, logger: Logger): FastifyInstance {
  const timeout = config.requestTimeout
  return Fastify({
    // Fastify's own lines go through the collector's logger and its serializers, as `"event":"server"`;
    // its per-request lines are off (the collector writes one `request` line of its own), and so is
    // the child logger per request: a request is one line, there is nothing to tie together by an id.
    loggerInstance: logger.child({ event: 'server' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (parent) => parent,
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
  const { config, store, views } = options
  const now = options.now ?? (() => new Date())
  const log = options.logger ?? silentLogger()
  const metrics = createMetrics()
  const storeFailures = options.storeFailures ?? burstLog(log, 'store-failing', { now: () => now().getTime() })
  let lastCommitFailedAt: number | undefined
  let closing = false
  const committer = new GroupCommitter((batch) => store.write(batch), config.batchSize, {
    committed(reports, seconds) {
      lastCommitFailedAt = undefined
      storeFailures.succeeded()
      metrics.storeSeconds.observe(seconds)
      metrics.batchSize.observe(reports)
    },
    failed(error) {
      lastCommitFailedAt = now().getTime()
      metrics.unavailable.inc()
      storeFailures.failed('commit', String((error as Error)?.message ?? error))
    },
  })
  const app = fastify(config, log)
  // JSON only: a text body is refused as such, not read as a string.
  app.removeContentTypeParser('text/plain')
  shapeErrors(app, log, () => closing)
  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.inc({ route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) })
    log.info({ event: 'request', req: request, res: reply })
  })

  const kept = (request: FastifyRequest) => keptAddress(config.ip, request.ip, options.locate)
  const checked = new CheckedConfigurations()
  const releases = options.releases ?? releasesSource(config, log, now)
  const known = knownVersions(releases)
  // With `--ip=none` no network is known: the cap is off (the statistics say networks are unknown).
  const cap =
    config.ip === 'none'
      ? undefined
      : new NetworkCap(config.maxInstallationsPerNetwork, (day, network) => store.installationsPerNetwork(day, network))
  app.register(ingest, { views, checked, committer, metrics, log, now, kept, known, cap })
  app.register(update, {
    releases,
    known,
    committer,
    metrics,
    now,
    kept,
  })
  app.register(health, { store, lastCommitFailedAt: () => lastCommitFailedAt, now })
  let statistics: ReturnType<typeof registerStatsRoutes> | undefined
  app.register(async (scope) => {
    // Every option of every release: one removed in 3.0 is still counted over the 2.x installations.
    statistics = registerStatsRoutes(scope, { store, schema: allReleasesSchema(), config, now })
  })
  app.register(releaseSchemaRoute, { views, known })
  app.register(async (scope) => registerDashboard(scope, { schema: allReleasesSchema() }))

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
