import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import { REFUSALS, type RefusalCode } from './refusal.js'

/**
 * The collector's Prometheus metrics, with prom-client: label values escaped as the exposition
 * format says, and every series a dashboard or an alert reads exported from the start, at 0 (the
 * counters without labels, and the refusals by each code), so that the first store failure or the
 * first refusal of a kind shows in `increase()`. Names are stable: the README lists them.
 */
export function createMetrics() {
  const registry = new Registry()
  const registers = [registry]
  const metrics = {
    requests: new Counter({
      name: 'collector_http_requests_total',
      help: 'HTTP requests by route pattern and status.',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    accepted: new Counter({ name: 'collector_reports_accepted_total', help: 'Usage reports stored.', registers }),
    refused: new Counter({
      name: 'collector_reports_refused_total',
      help: 'Usage reports refused, by code.',
      labelNames: ['code'] as const,
      registers,
    }),
    unavailable: new Counter({
      name: 'collector_store_failures_total',
      help: 'Group commits the store failed.',
      registers,
    }),
    versionChecks: new Counter({ name: 'collector_version_checks_total', help: 'Release list requests.', registers }),
    storeSeconds: new Histogram({
      name: 'collector_store_commit_seconds',
      help: 'Duration of a group commit.',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    batchSize: new Histogram({
      name: 'collector_batch_reports',
      help: 'Reports per group commit.',
      buckets: [1, 2, 5, 10, 50, 100, 500],
      registers,
    }),
  }
  for (const code of Object.keys(REFUSALS) as RefusalCode[]) metrics.refused.inc({ code }, 0)
  return {
    ...metrics,
    registry,
    /** The Prometheus text of every metric. */
    text: () => registry.metrics(),
  }
}

export type Metrics = ReturnType<typeof createMetrics>

/**
 * Node.js's own metrics (CPU, memory, event-loop delay, GC, handles) into the registry: once per
 * process, by whoever opens the metrics listener, since they describe the process, not a collector.
 */
export function collectProcessMetrics(metrics: Metrics): void {
  collectDefaultMetrics({ register: metrics.registry })
}
