import { createServer, type Server } from 'node:http'
import { collectProcessMetrics, type Metrics } from './metrics.js'

/**
 * `/metrics` on a listener of its own (`--metrics-listen`), never on the public port: exact
 * counts of reports and refusals are for the operator, not for anyone who can reach the collector.
 * The process's own metrics (prom-client's defaults) are collected from here on.
 */
export function metricsServer(metrics: Metrics): Server {
  collectProcessMetrics(metrics)
  return createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ error: { code: 'not-found', message: 'only GET /metrics here' } }))
      return
    }
    metrics.text().then(
      (text) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType })
        response.end(text)
      },
      () => {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        response.end(JSON.stringify({ error: { code: 'failed', message: 'the metrics could not be collected' } }))
      },
    )
  })
}
