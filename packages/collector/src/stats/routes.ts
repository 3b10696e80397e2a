import type { FastifyInstance, FastifyReply } from 'fastify'
import type * as z from 'zod'
import type { Store } from '../store/store.js'
import type { StatsContext } from './aggregates.js'
import { AnswerCache } from './answer-cache.js'
import { daily, dailyCSV } from './daily.js'
import { openAPIDocument } from './openapi.js'
import { optionStats } from './option.js'
import { dailySchema, optionSchema, summarySchema } from './schemas.js'
import { statsCatalog } from './sections.js'
import { summary } from './summary.js'
import { dayOf, lastDays, parseDays } from './window.js'

/** Cache lifetimes: a finished day never changes; today's numbers move, so they are kept briefly. */
const LIVE_SECONDS = 300
const CACHE = {
  live: `public, max-age=${LIVE_SECONDS}`,
  finished: 'public, max-age=31536000, immutable',
  document: 'public, max-age=3600',
} as const

export interface StatsRoutesOptions {
  store: Store
  schema: z.ZodType
  minCount: number
  now: () => Date
}

const fail = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).header('cache-control', CACHE.live).send({ error: { code, message } })

/** The public statistics: summary, one option, daily files and the OpenAPI document. */
export function registerStatsRoutes(app: FastifyInstance, options: StatsRoutesOptions) {
  const catalog = statsCatalog(options.schema)
  const context: StatsContext = { store: options.store, catalog, minCount: options.minCount }
  const document = openAPIDocument()
  // The server keeps an answer as long as a client may: the same numbers either way, the store asked once.
  const answers = new AnswerCache(LIVE_SECONDS * 1000)
  const summaryOf = (days: number) => {
    const window = lastDays(days, options.now())
    return answers.get(`summary ${days} ${window.to}`, async () =>
      summarySchema.parse(await summary(context, days, window)),
    )
  }

  app.get('/api/v1/summary', async (request, reply) => {
    const days = parseDays((request.query as Record<string, unknown>).days)
    if (typeof days === 'string') return fail(reply, 400, 'bad-parameter', days)
    return reply.header('cache-control', CACHE.live).send(await summaryOf(days))
  })

  app.get('/api/v1/options/*', async (request, reply) => {
    const path = (request.params as Record<string, string>)['*'] ?? ''
    const option = catalog.options.get(path)
    if (!option) return fail(reply, 404, 'unknown-option', `no option ${JSON.stringify(path.slice(0, 200))}`)
    const days = parseDays((request.query as Record<string, unknown>).days)
    if (typeof days === 'string') return fail(reply, 400, 'bad-parameter', days)
    const window = lastDays(days, options.now())
    const answer = await answers.get(`option ${path} ${days} ${window.to}`, async () =>
      optionSchema.parse(await optionStats(context, option, days, window)),
    )
    return reply.header('cache-control', CACHE.live).send(answer)
  })

  app.get('/data/daily/:file', async (request, reply) => {
    const [, day, format] = /^(\d{4}-\d{2}-\d{2})\.(json|csv)$/.exec((request.params as { file: string }).file) ?? []
    const today = dayOf(options.now())
    if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || dayOf(new Date(`${day}T00:00:00Z`)) !== day)
      return fail(reply, 404, 'not-found', 'expected /data/daily/YYYY-MM-DD.json or .csv')
    if (day > today) return fail(reply, 404, 'not-found', `${day} has not happened yet`)
    const complete = day < today
    const file = await answers.get(`daily ${day} ${complete}`, async () =>
      dailySchema.parse(await daily(context, day, complete)),
    )
    reply.header('cache-control', complete ? CACHE.finished : CACHE.live)
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(dailyCSV(file))
    return reply.send(file)
  })

  app.get('/api/v1/openapi.json', async (_request, reply) =>
    reply.header('cache-control', CACHE.document).send(document),
  )

  return {
    /** Computes the summaries of these windows ahead of the first visitor; a failure is only not kept. */
    async warm(windows: readonly number[]) {
      for (const days of windows) await summaryOf(days).catch(() => {})
    },
  }
}
