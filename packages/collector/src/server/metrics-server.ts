import { createServer, type Server } from 'node:http'
import type { Metrics } from './metrics.js'

/**
 * `/metrics` on a listener of its own (`--metrics-listen`), never on the public port: exact
 * counts of reports and refusals are for the operator, not for anyone who can reach the collector.
 */
export function metricsServer(metrics: Metrics): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ error: { code: 'not-found', message: 'only GET /metrics here' } }))
      return
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
    response.end(metrics.text())
  })
}
