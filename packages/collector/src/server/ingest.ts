import { randomUUID } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { GroupCommitter } from '../store/batcher.js'
import { key64 } from '../store/configurations.js'
import type { CheckedConfigurations } from './checked-configurations.js'
import { unavailable } from './errors.js'
import type { Kept } from './ip.js'
import type { IsKnown } from './known-versions.js'
import type { Logger } from './log.js'
import type { Metrics } from './metrics.js'
import type { Admission, NetworkCap } from './network-cap.js'
import { Refused } from './refusal.js'
import { checkReport } from './report.js'
import type { Views } from './report-view.js'

export const BODY_LIMIT = 64 * 1024
/**
 * The tally of accepted reports from a release newer than the newest schema view that set options
 * it does not know (dropped, never stored): a row in the refusals table, so `stats --json` shows it
 * under `refused`, though the report itself was accepted.
 */
export const UNKNOWN_OPTIONS = 'unknown-options'

export interface IngestOptions {
  /** The schema view of a report's version (`schemaFor` by default). */
  views?: Views
  checked: CheckedConfigurations
  committer: GroupCommitter
  metrics: Metrics
  log: Logger
  now: () => Date
  /** The `network` and `ip` columns kept of a request. */
  kept: (request: FastifyRequest) => Kept
  /** Whether a report's version is `dev` or a release the collector knows. */
  known: IsKnown
  /** New installations per network and day; undefined when networks are not kept (`--ip=none`). */
  cap: NetworkCap | undefined
}

/** A Fastify error of `POST /` as a refusal, with a message of ours (the parser's may quote the body). */
function refusalOf(error: FastifyError): Refused | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
    return new Refused('too-large', `more than ${BODY_LIMIT} bytes`)
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
    return new Refused('bad-content-type', 'expected Content-Type: application/json')
  if (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP_') || error.statusCode === 400)
    return new Refused('bad-json', 'the body is not a JSON text')
  return undefined
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10)

/** Seconds until the next UTC day, when a network's count of new installations starts again. */
const untilTomorrow = (date: Date) =>
  Math.max(
    1,
    Math.ceil((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1) - date.getTime()) / 1000),
  )

/** `POST /`: a usage report, checked, then stored by a group commit before it is acknowledged. */
export async function ingest(app: FastifyInstance, options: IngestOptions): Promise<void> {
  const { views, checked, committer, metrics, log, now, known, cap } = options

  const refuse = (reply: FastifyReply, refused: Refused) => {
    metrics.refused.inc({ code: refused.code })
    log.info({ event: 'report-refused', code: refused.code, ...(refused.paths && { paths: refused.paths }) })
    committer.add({ refusals: [{ day: dayOf(now()), code: refused.code }] }).catch(() => {})
    if (refused.code === 'too-large') reply.header('connection', 'close')
    if (refused.retryAfter !== undefined) reply.header('retry-after', String(refused.retryAfter))
    return reply.code(refused.status).send(refused.body())
  }

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const refused = refusalOf(error)
    if (refused) return refuse(reply, refused)
    throw error
  })

  app.post('/', async (request, reply) => {
    const received = now()
    const day = dayOf(received)
    let report: ReturnType<typeof checkReport>
    try {
      report = checkReport(checked, request.body, received, views)
    } catch (error) {
      if (error instanceof Refused) return refuse(reply, error)
      throw error
    }
    const isKnown = await known(report.version)
    if (isKnown === undefined) return unavailable(reply, 'no-releases', 'no release list yet to check the version by')
    if (!isKnown)
      return refuse(reply, new Refused('unknown-version', 'version: not dev nor a release this collector knows'))
    const kept = options.kept(request)
    const installation = key64(report.hash)
    let admission: Admission | undefined
    if (cap && kept.network) {
      try {
        admission = await cap.admit(day, kept.network, installation)
      } catch {
        return unavailable(reply, 'store-unavailable', 'the report was not stored; send it again later')
      }
      if (admission === 'refused') {
        const refused = new Refused('rate-limited', 'too many new installations from this network today')
        refused.retryAfter = untilTomorrow(received)
        return refuse(reply, refused)
      }
    }
    try {
      await committer.add({
        reports: [
          {
            id: randomUUID(),
            day,
            received: received.toISOString(),
            hash: report.hash,
            version: report.version,
            ...kept,
            configuration: report.configuration,
          },
        ],
        // Accepted, with options of a newer release dropped: tallied beside the refusals, by report.
        ...(report.droppedOptions > 0 && { refusals: [{ day, code: UNKNOWN_OPTIONS }] }),
      })
    } catch {
      if (admission === 'admitted') cap?.forget(day, kept.network, installation)
      return unavailable(reply, 'store-unavailable', 'the report was not stored; send it again later')
    }
    metrics.accepted.inc()
    if (report.droppedOptions > 0) log.info({ event: 'report-options-dropped', options: report.droppedOptions })
    return { ok: true }
  })
}
