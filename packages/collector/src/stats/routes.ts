import type { FastifyInstance, FastifyReply } from 'fastify'
import type * as z from 'zod'
import type { CollectorConfig } from '../config/schema.js'
import { isDay } from '../day.js'
import type { Store } from '../store/store.js'
import type { StatsContext } from './aggregates.js'
import { AnswerCache } from './answer-cache.js'
import { daily, dailyCSV } from './daily.js'
import { openAPIDocument } from './openapi.js'
import { optionStats } from './option.js'
import { optionPaths, unknownOption } from './option-path.js'
import { dailySchema, optionSchema, summarySchema } from './schemas.js'
import { statsCatalog } from './sections.js'
import { summary } from './summary.js'
import { isFinished, lastDays, parseDays, secondsToNextDay } from './window.js'

/**
 * Cache lifetimes. Every published window ends with the last finished day, so its answer stays
 * the same until the next UTC day starts; a finished day's file never changes.
 */
const CACHE = {
  window: (now: Date) => `public, max-age=${secondsToNextDay(now)}`,
  finished: 'public, max-age=31536000, immutable',
  error: 'public, max-age=300',
  document: 'public, max-age=3600',
} as const
const DAY_MS = 86_400_000

export interface StatsRoutesOptions {
  store: Store
  schema: z.ZodType
  config: Pick<CollectorConfig, 'minCount' | 'minNetworks' | 'ip'>
  now: () => Date
}

/** The threshold and what is known of networks, from the collector's settings. */
export function statsContext(store: Store, schema: z.ZodType, config: StatsRoutesOptions['config']): StatsContext {
  return {
    store,
    catalog: statsCatalog(schema),
    threshold: { minCount: config.minCount, minNetworks: config.minNetworks },
    networks: config.ip === 'none' ? 'unknown' : 'counted',
  }
}

const fail = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).header('cache-control', CACHE.error).send({ error: { code, message } })

/** The public statistics: summary, one option, daily files and the OpenAPI document. */
export function registerStatsRoutes(app: FastifyInstance, options: StatsRoutesOptions) {
  const context = statsContext(options.store, options.schema, options.config)
  const { catalog } = context
  const paths = optionPaths([...catalog.options.keys()])
  const document = openAPIDocument()
  // A window's answer is computed once per day; a finished day's file once (`capacity` bounds them).
  const answers = new AnswerCache(DAY_MS)
  const summaryOf = (days: number, now: Date) => {
    const window = lastDays(days, now)
    return answers.get(`summary ${days} ${window.to}`, async () =>
      summarySchema.parse(await summary(context, days, window)),
    )
  }

  app.get('/api/v1/summary', async (request, reply) => {
    const days = parseDays(request.query)
    if (typeof days === 'string') return fail(reply, 400, 'bad-parameter', days)
    const now = options.now()
    return reply.header('cache-control', CACHE.window(now)).send(await summaryOf(days, now))
  })

  app.get('/api/v1/options/*', async (request, reply) => {
    const path = (request.params as Record<string, string>)['*'] ?? ''
    const option = catalog.options.get(paths.resolve(path) ?? '')
    if (!option) return reply.code(404).header('cache-control', CACHE.error).send(unknownOption(path, paths))
    const days = parseDays(request.query)
    if (typeof days === 'string') return fail(reply, 400, 'bad-parameter', days)
    const now = options.now()
    const window = lastDays(days, now)
    const answer = await answers.get(`option ${option.path} ${days} ${window.to}`, async () =>
      optionSchema.parse(await optionStats(context, option, days, window)),
    )
    return reply.header('cache-control', CACHE.window(now)).send(answer)
  })

  app.get('/data/daily/:file', async (request, reply) => {
    const [, day, format] = /^(.{1,16})\.(json|csv)$/.exec((request.params as { file: string }).file) ?? []
    if (!isDay(day)) return fail(reply, 404, 'not-found', 'expected /data/daily/YYYY-MM-DD.json or .csv')
    if (!isFinished(day, options.now()))
      return fail(reply, 404, 'not-found', `${day} is not over yet: only finished UTC days are published`)
    const file = await answers.get(`daily ${day}`, async () => dailySchema.parse(await daily(context, day)))
    reply.header('cache-control', CACHE.finished)
    if (format === 'csv') return reply.type('text/csv; charset=utf-8; header=present').send(dailyCSV(file))
    return reply.send(file)
  })

  app.get('/api/v1/openapi.json', async (_request, reply) =>
    reply.header('cache-control', CACHE.document).send(document),
  )

  return {
    /** Computes the summaries of these windows ahead of the first visitor; a failure is only not kept. */
    async warm(windows: readonly number[]) {
      for (const days of windows) await summaryOf(days, options.now()).catch(() => {})
    },
  }
}
