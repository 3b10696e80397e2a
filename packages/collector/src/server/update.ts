import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { GroupCommitter } from '../store/batcher.js'
import { unavailable } from './errors.js'
import type { Metrics } from './metrics.js'
import type { ReleasesSource } from './releases.js'

export interface UpdateOptions {
  releases: ReleasesSource | undefined
  committer: GroupCommitter
  metrics: Metrics
  now: () => Date
  kept: (request: FastifyRequest) => { network: string; ip: string }
}

const userAgentVersion = (agent: string | undefined) => /^baqup\/(\S{1,64})/.exec(agent ?? '')?.[1] ?? 'unknown'

/** `GET /repos/baqupio/baqup/releases`: the update server a version check reads; each request counted. */
export async function update(app: FastifyInstance, options: UpdateOptions): Promise<void> {
  const { releases, committer, metrics, now } = options
  app.get('/repos/baqupio/baqup/releases', async (request, reply) => {
    const version = userAgentVersion(request.headers['user-agent'])
    metrics.versionChecks.inc()
    const received = now().toISOString()
    committer
      .add({ versionChecks: [{ day: received.slice(0, 10), received, version, ...options.kept(request) }] })
      .catch(() => {})
    const text = await releases?.current()
    if (text === undefined) return unavailable(reply, 'no-releases', 'no release list available')
    return reply.type('application/json; charset=utf-8').send(text)
  })
}
