import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { GroupCommitter } from '../store/batcher.js'
import { unavailable } from './errors.js'
import type { Kept } from './ip.js'
import type { IsKnown } from './known-versions.js'
import type { Metrics } from './metrics.js'
import type { ReleasesSource } from './releases.js'

export interface UpdateOptions {
  releases: ReleasesSource | undefined
  /** Whether a version is `dev` or a release the collector knows. */
  known: IsKnown
  committer: GroupCommitter
  metrics: Metrics
  now: () => Date
  kept: (request: FastifyRequest) => Kept
}

/** What a version check is counted under when its `User-Agent` names no version the collector knows. */
export const OTHER_VERSION = 'other'

/** The version of `User-Agent: baqup/<version>`, or undefined. The header itself is never stored. */
const userAgentVersion = (agent: string | undefined) => /^baqup\/(\S{1,64})/.exec(agent ?? '')?.[1]

/** `GET /repos/baqupio/baqup/releases`: the update server a version check reads; each request counted. */
export async function update(app: FastifyInstance, options: UpdateOptions): Promise<void> {
  const { releases, known, committer, metrics, now } = options
  app.get('/repos/baqupio/baqup/releases', async (request, reply) => {
    const named = userAgentVersion(request.headers['user-agent'])
    // A version check does not wait for the upstream on a miss: an unknown version is counted as `other`.
    const version = named !== undefined && (await known(named, { refresh: false })) ? named : OTHER_VERSION
    metrics.versionChecks.inc()
    const received = now().toISOString()
    committer
      .add({ versionChecks: [{ day: received.slice(0, 10), received, version, ...options.kept(request) }] })
      .catch(() => {})
    const list = await releases?.current()
    if (list === undefined) return unavailable(reply, 'no-releases', 'no release list available')
    return reply.type('application/json; charset=utf-8').send(list.text)
  })
}
