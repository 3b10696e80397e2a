import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type Logger, problemOf } from './log.js'

/**
 * One error shape for every answer that is not a success, Fastify's own included:
 * `{"error":{"code","message"}}`. Messages are the collector's words, never the request's text.
 */

/** Seconds a client is asked to wait before it sends again when the collector cannot store. */
export const RETRY_AFTER_SECONDS = 60

export const errorBody = (code: string, message: string) => ({ error: { code, message } })

/** A 503 that tells the client when to come back. */
export const unavailable = (reply: FastifyReply, code: string, message: string) =>
  reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(errorBody(code, message))

/** The status of a Fastify error, as a client error when the request caused it, else 500. */
const statusOf = (error: FastifyError) =>
  error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500

/** Fastify's words for its own client errors, without the part of the request some of them quote. */
const CLIENT_ERROR_MESSAGES: Record<number, string> = {
  400: 'the request could not be read',
  404: 'no such route',
  405: 'method not allowed',
  406: 'not acceptable',
  408: 'the request took too long',
  413: 'the request body is too large',
  414: 'the URL is too long',
  415: 'unsupported content type',
  431: 'the request headers are too large',
}

/** Fastify's `frameworkErrors`: a URL or header it cannot read before routing, answered in the one shape. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = statusOf(error)
  const message = CLIENT_ERROR_MESSAGES[status] ?? 'the request could not be read'
  return reply.code(status).send(errorBody(status >= 500 ? 'failed' : 'bad-request', message))
}

/**
 * The handlers every route shares. `closing()` tells when the server stops: requests still
 * arriving then are answered 503 with `Retry-After`, in the one shape.
 */
export function shapeErrors(app: FastifyInstance, log: Logger, closing: () => boolean): void {
  app.addHook('onRequest', async (_request, reply) => {
    if (closing()) return unavailable(reply, 'closing', 'the collector is restarting; send it again later')
  })
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not-found', 'no such route')))
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error)
    if (status >= 500) log.error({ event: 'request-failed', req: request, problem: problemOf(error) })
    const message = status >= 500 ? 'internal error' : (CLIENT_ERROR_MESSAGES[status] ?? 'the request was refused')
    return reply.code(status).send(errorBody(status >= 500 ? 'failed' : 'bad-request', message))
  })
}

const PARSER_STATUS: Record<string, number> = { ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADER_OVERFLOW: 431 }

/** Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses, answered in the one shape. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const status = PARSER_STATUS[error.code ?? ''] ?? 400
  const body = JSON.stringify(
    errorBody('bad-request', CLIENT_ERROR_MESSAGES[status] ?? 'the request could not be read'),
  )
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}
