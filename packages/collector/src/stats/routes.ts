import type { FastifyInstance, FastifyReply } from 'fastify'
import type * as z from 'zod'
import type { Store } from '../store/store.js'
import type { StatsContext } from './aggregates.js'
import { daily, dailyCSV } from './daily.js'
import { openAPIDocument } from './openapi.js'
import { optionStats } from './option.js'
import { dailySchema, optionSchema, summarySchema } from './schemas.js'
import { statsCatalog } from './sections.js'
import { summary } from './summary.js'
import { dayOf, lastDays, parseDays } from './window.js'

/** Cache lifetimes: a finished day never changes; today's numbers move, so they are kept briefly. */
const CACHE = {
  live: 'public, max-age=300',
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
export function registerStatsRoutes(app: FastifyInstance, options: StatsRoutesOptions): void {
  const catalog = statsCatalog(options.schema)
  const context: StatsContext = { store: options.store, catalog, minCount: options.minCount }
  const document = openAPIDocument()

  app.get('/api/v1/summary', async (request, reply) => {
    const days = parseDays((request.query as Record<string, unknown>).days)
    if (typeof days === 'string') return fail(reply, 400, 'bad-parameter', days)
    const answer = await summary(context, days, lastDays(days, options.now()))
    return reply.header('cache-control', CACHE.live).send(summarySchema.parse(answer))
  })

  app.get('/api/v1/options/*', async (request, reply) => {
    const path = (request.params as Record<string, string>)['*'] ?? ''
    const option = catalog.options.get(path)
    if (!option) return fail(reply, 404, 'unknown-option', `no option ${JSON.stringify(path.slice(0, 200))}`)
    const days = parseDays((request.query as Record<string, unknown>).days)
    if (typeof days === 'string') return fail(reply, 400, 'bad-parameter', days)
    const answer = await optionStats(context, option, days, lastDays(days, options.now()))
    return reply.header('cache-control', CACHE.live).send(optionSchema.parse(answer))
  })

  app.get('/data/daily/:file', async (request, reply) => {
    const [, day, format] = /^(\d{4}-\d{2}-\d{2})\.(json|csv)$/.exec((request.params as { file: string }).file) ?? []
    const today = dayOf(options.now())
    if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || dayOf(new Date(`${day}T00:00:00Z`)) !== day)
      return fail(reply, 404, 'not-found', 'expected /data/daily/YYYY-MM-DD.json or .csv')
    if (day > today) return fail(reply, 404, 'not-found', `${day} has not happened yet`)
    const complete = day < today
    const file = dailySchema.parse(await daily(context, day, complete))
    reply.header('cache-control', complete ? CACHE.finished : CACHE.live)
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(dailyCSV(file))
    return reply.send(file)
  })

  app.get('/api/v1/openapi.json', async (_request, reply) =>
    reply.header('cache-control', CACHE.document).send(document),
  )
}
