import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { listOptions, walk } from '@baqup/core'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as z from 'zod'
import { dashboardPage } from './page.js'
import { WINDOWS, windowOf } from './windows.js'

/** The assets esbuild writes next to this module at build time. */
const ASSETS = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const

interface Asset {
  type: string
  raw: Buffer
  gzip: Buffer
}

const asset = (type: string, raw: Buffer): Asset => ({ type, raw, gzip: gzipSync(raw, { level: 9 }) })

function send(request: FastifyRequest, reply: FastifyReply, { type, raw, gzip }: Asset) {
  reply.type(type).header('cache-control', 'public, max-age=300').header('vary', 'accept-encoding')
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? ''))
    return reply.header('content-encoding', 'gzip').send(gzip)
  return reply.send(raw)
}

/** `GET /`: the dashboard page, its bundled assets under `/assets/`, and `/favicon.ico` (204: none). */
export function registerDashboard(app: FastifyInstance, options: { schema: z.ZodType }): void {
  const paths = listOptions(walk(options.schema)).map((option) => option.path)
  const pages = new Map<number, Asset>(
    WINDOWS.map((days) => [days, asset('text/html; charset=utf-8', Buffer.from(dashboardPage(paths, days)))]),
  )
  const assets = new Map<string, Asset>()
  for (const [name, type] of Object.entries(ASSETS)) {
    try {
      assets.set(name, asset(type, readFileSync(new URL(`./assets/${name}`, import.meta.url))))
    } catch {
      // Not built (running from source): the page is served, its assets answer 404.
    }
  }

  app.get('/', async (request, reply) => {
    const days = windowOf((request.query as Record<string, unknown>).days)
    return send(request, reply, pages.get(days) as Asset)
  })
  app.get('/assets/:name', async (request, reply) => {
    const found = assets.get((request.params as { name: string }).name)
    if (!found) return reply.code(404).send({ error: { code: 'not-found', message: 'no such asset' } })
    return send(request, reply, found)
  })
  // Browsers ask for it on every page view whatever the page says: no icon, and no 404 in the log.
  app.get('/favicon.ico', async (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=604800').send(),
  )
}
