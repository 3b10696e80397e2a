import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type * as z from 'zod'
import type { CollectorConfig } from '../config/schema.js'
import { registerDashboard } from '../dashboard/routes.js'
import { WINDOWS } from '../dashboard/windows.js'
import { registerStatsRoutes } from '../stats/routes.js'
import { GroupCommitter } from '../store/batcher.js'
import type { Store } from '../store/store.js'
import { CheckedConfigurations } from './checked-configurations.js'
import { keptAddress } from './ip.js'
import { createMetrics, type Metrics } from './metrics.js'
import { REFUSALS, type RefusalCode, Refused } from './refusal.js'
import { fileReleases, type ReleasesSource, upstreamReleases } from './releases.js'
import { checkReport } from './report.js'

export const BODY_LIMIT = 64 * 1024
/** Seconds a client is asked to wait before it sends again when the store is down. */
export const RETRY_AFTER_SECONDS = 60

export type Log = (event: string, fields?: Record<string, unknown>) => void

export interface CollectorOptions {
  config: CollectorConfig
  store: Store
  /** The configuration schema reports are checked against. */
  schema: z.ZodType
  now?: () => Date
  log?: Log
  releases?: ReleasesSource
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

/** A Fastify error mapped to a refusal code of `POST /`, or undefined when it is none. */
function refusalOf(error: FastifyError): RefusalCode | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return 'too-large'
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) return 'bad-content-type'
  if (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP_')) return 'bad-json'
  if (error.statusCode === 400) return 'bad-json'
  return undefined
}

const userAgentVersion = (agent: string | undefined) => /^baqup\/(\S{1,64})/.exec(agent ?? '')?.[1] ?? 'unknown'

function releasesSource(config: CollectorConfig, log: Log, now: () => Date): ReleasesSource | undefined {
  if (config.releases) return fileReleases(config.releases, log)
  if (config.releasesUpstream) return upstreamReleases(config.releasesUpstream, log, { now: () => now().getTime() })
  return undefined
}

export function createCollector(options: CollectorOptions): Collector {
  const { config, store, schema } = options
  const now = options.now ?? (() => new Date())
  const log: Log = options.log ?? (() => {})
  const checkedConfigurations = new CheckedConfigurations(schema)
  const releases = options.releases ?? releasesSource(config, log, now)
  const metrics = createMetrics()
  const committer = new GroupCommitter((batch) => store.write(batch), config.batchSize, {
    committed(reports, seconds) {
      metrics.storeSeconds.observe(seconds)
      metrics.batchSize.observe(reports)
    },
    failed(error) {
      metrics.unavailable.inc()
      log('store-write-failed', { problem: (error as Error).message?.split('\n')[0] })
    },
  })
  const timeout = config.requestTimeout
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    requestTimeout: timeout,
    connectionTimeout: timeout,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Node checks request deadlines every `connectionsCheckingInterval` (30 s by default): a slow
    // client is cut off within a second of its deadline instead.
    serverFactory: (handler) =>
      createServer(
        { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: 1000, keepAliveTimeout: 5000 },
        handler,
      ),
  })
  // JSON only: a text body is refused as such, not read as a string.
  app.removeContentTypeParser('text/plain')
  const today = () => now().toISOString().slice(0, 10)
  const kept = (request: FastifyRequest) => keptAddress(config.ip, request.ip)

  const refuse = (reply: FastifyReply, refused: Refused) => {
    metrics.refused.inc({ code: refused.code })
    log('report-refused', { code: refused.code, ...(refused.paths && { paths: refused.paths }) })
    committer.add({ refusals: [{ day: today(), code: refused.code }] }).catch(() => {})
    if (refused.code === 'too-large') reply.header('connection', 'close')
    return reply.code(refused.status).send(refused.body())
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code = request.method === 'POST' && request.routeOptions.url === '/' ? refusalOf(error) : undefined
    if (code)
      return refuse(reply, new Refused(code, code === 'too-large' ? `more than ${BODY_LIMIT} bytes` : error.message))
    log('request-failed', { route: request.routeOptions.url, problem: error.message })
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    return reply
      .code(status)
      .send({ error: { code: 'failed', message: status < 500 ? error.message : 'internal error' } })
  })
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: 'no such route' } }),
  )
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown'
    metrics.requests.inc({ route, status: String(reply.statusCode) })
    log('request', { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) })
  })

  app.post('/', async (request, reply) => {
    let report: ReturnType<typeof checkReport>
    try {
      report = checkReport(schema, checkedConfigurations, request.body)
    } catch (error) {
      if (error instanceof Refused) return refuse(reply, error)
      throw error
    }
    const received = now()
    try {
      await committer.add({
        reports: [
          {
            id: randomUUID(),
            day: received.toISOString().slice(0, 10),
            received: received.toISOString(),
            hash: report.hash,
            version: report.version,
            codename: report.codename,
            buildDate: report.buildDate,
            ...kept(request),
            configuration: report.configuration,
          },
        ],
      })
    } catch {
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: 'store-unavailable', message: 'the report was not stored; send it again later' } })
    }
    metrics.accepted.inc()
    return { ok: true }
  })

  app.get('/repos/baqupio/baqup/releases', async (request, reply) => {
    const version = userAgentVersion(request.headers['user-agent'])
    metrics.versionChecks.inc()
    const received = now().toISOString()
    committer
      .add({ versionChecks: [{ day: received.slice(0, 10), received, version, ...kept(request) }] })
      .catch(() => {})
    const text = await releases?.current()
    if (text === undefined) {
      return reply.code(503).send({ error: { code: 'no-releases', message: 'no release list available' } })
    }
    return reply.type('application/json; charset=utf-8').send(text)
  })

  app.get('/healthz', async () => ({ ok: true }))
  app.get('/readyz', async (_request, reply) => {
    try {
      await store.ping()
      return { ok: true }
    } catch {
      return reply.code(503).send({ ok: false })
    }
  })
  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.text()),
  )
  const statistics = registerStatsRoutes(app, { store, schema, minCount: config.minCount, now })
  registerDashboard(app, { schema })

  return {
    app,
    metrics,
    committer,
    warmStatistics: () => statistics.warm(WINDOWS),
    async close() {
      await app.close()
      await committer.flush()
    },
  }
}

export { REFUSALS }
