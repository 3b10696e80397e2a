import { randomUUID } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as z from 'zod'
import type { GroupCommitter } from '../store/batcher.js'
import type { CheckedConfigurations } from './checked-configurations.js'
import { unavailable } from './errors.js'
import type { Log } from './log.js'
import type { Metrics } from './metrics.js'
import { type RefusalCode, Refused } from './refusal.js'
import { checkReport } from './report.js'

export const BODY_LIMIT = 64 * 1024

export interface IngestOptions {
  schema: z.ZodType
  checked: CheckedConfigurations
  committer: GroupCommitter
  metrics: Metrics
  log: Log
  now: () => Date
  /** The `network` and `ip` columns kept of a request. */
  kept: (request: FastifyRequest) => { network: string; ip: string }
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

/** `POST /`: a usage report, checked, then stored by a group commit before it is acknowledged. */
export async function ingest(app: FastifyInstance, options: IngestOptions): Promise<void> {
  const { schema, checked, committer, metrics, log, now } = options

  const refuse = (reply: FastifyReply, refused: Refused) => {
    metrics.refused.inc({ code: refused.code })
    log('report-refused', { code: refused.code, ...(refused.paths && { paths: refused.paths }) })
    committer.add({ refusals: [{ day: dayOf(now()), code: refused.code as RefusalCode }] }).catch(() => {})
    if (refused.code === 'too-large') reply.header('connection', 'close')
    return reply.code(refused.status).send(refused.body())
  }

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const refused = refusalOf(error)
    if (refused) return refuse(reply, refused)
    throw error
  })

  app.post('/', async (request, reply) => {
    let report: ReturnType<typeof checkReport>
    try {
      report = checkReport(schema, checked, request.body)
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
            day: dayOf(received),
            received: received.toISOString(),
            hash: report.hash,
            version: report.version,
            codename: report.codename,
            buildDate: report.buildDate,
            ...options.kept(request),
            configuration: report.configuration,
          },
        ],
      })
    } catch {
      return unavailable(reply, 'store-unavailable', 'the report was not stored; send it again later')
    }
    metrics.accepted.inc()
    return { ok: true }
  })
}
