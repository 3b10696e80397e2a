import type { FastifyInstance } from 'fastify'
import type { Store } from '../store/store.js'
import { RETRY_AFTER_SECONDS, unavailable } from './errors.js'

export interface HealthOptions {
  store: Store
  /** When the last group commit failed, in ms, or undefined when it succeeded (or none was made). */
  lastCommitFailedAt: () => number | undefined
  now: () => Date
}

/**
 * `/healthz`: the process answers. `/readyz`: the store answers a ping and the last group commit
 * succeeded; a load balancer takes the collector out while its writes fail. It comes back with
 * the first commit that succeeds, or, since a collector out of rotation receives nothing to
 * commit, once the failure is older than the Retry-After clients were given and the store
 * answers again: then it is tried with traffic, and a new failure takes it out again.
 */
export async function health(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }))
  app.get('/readyz', async (_request, reply) => {
    const failedAt = options.lastCommitFailedAt()
    if (failedAt !== undefined && options.now().getTime() - failedAt < RETRY_AFTER_SECONDS * 1000)
      return unavailable(reply, 'not-ready', 'the last write to the store failed')
    try {
      await options.store.ping()
      return { ok: true }
    } catch {
      return unavailable(reply, 'not-ready', 'the store does not answer')
    }
  })
}
