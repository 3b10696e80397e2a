import type { FastifyReply, FastifyRequest } from 'fastify'
import { type DestinationStream, type Logger, pino } from 'pino'

/**
 * The collector's log: pino, through Fastify's logger. One JSON line per event on stderr, written
 * asynchronously (flushed at exit), each with its level, its time and the event's name (`request`,
 * `report-refused`, `store-failing`, …) and fields. Never report content, never an address, never
 * a header or a URL with its query: the serializers below are the only way a request, a reply or
 * an error reaches a line, and they keep only what the statistics of the service need.
 */

export type { Logger } from 'pino'

/** `--log-level`: pino's levels, lowest volume last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const firstLine = (text: string) => text.split('\n')[0]?.slice(0, 200) ?? ''

/** A problem's text for a log line: the first line of an error's message, at most 200 characters. */
export const problemOf = (error: unknown) => firstLine(error instanceof Error ? error.message : String(error))

export const serializers = {
  /** The method and the route pattern (`/api/v1/options/*`), not the URL: a query or a path may say who asks. */
  req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? 'unknown' }),
  /** The status and the milliseconds the answer took. */
  res: (reply: FastifyReply) => ({ status: reply.statusCode, ms: Math.round(reply.elapsedTime) }),
  /** An error's kind, not its message: a parser's message may quote the body. */
  err: (error: Error & { code?: string; statusCode?: number }) => ({
    type: error.name,
    ...(error.code && { code: error.code }),
    ...(error.statusCode && { statusCode: error.statusCode }),
  }),
}

export interface LoggerOptions {
  level?: LogLevel
  /** Where lines go; stderr by default, asynchronously. */
  destination?: DestinationStream
}

export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      // Neither hostname nor pid: one process per collector, and a line says what happened, not where.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers,
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  )
}

/** A logger that writes nothing: the default of library code and of tests that do not read the log. */
export const silentLogger = (): Logger => pino({ level: 'silent' })
