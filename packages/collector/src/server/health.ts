import type { FastifyInstance } from 'fastify'
import type { Store } from '../store/store.js'
import { unavailable } from './errors.js'

export interface HealthOptions {
  store: Store
  /** Whether the last group commit failed (no commit since start counts as success). */
  lastCommitFailed: () => boolean
}

/**
 * `/healthz`: the process answers. `/readyz`: the store answers a ping and the last group commit
 * succeeded; a load balancer takes the collector out while its writes fail, and it comes back
 * with the first commit that succeeds.
 */
export async function health(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }))
  app.get('/readyz', async (_request, reply) => {
    if (options.lastCommitFailed()) return unavailable(reply, 'not-ready', 'the last write to the store failed')
    try {
      await options.store.ping()
      return { ok: true }
    } catch {
      return unavailable(reply, 'not-ready', 'the store does not answer')
    }
  })
}
