import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createMetrics } from '../src/server/metrics.js'
import { metricsServer } from '../src/server/metrics-server.js'
import { REFUSALS } from '../src/server/refusal.js'

describe('createMetrics', () => {
  it('exports every counter without labels, and the refusals by each code, at 0 from the start', async () => {
    const text = await createMetrics().text()
    for (const name of [
      'collector_reports_accepted_total',
      'collector_store_failures_total',
      'collector_version_checks_total',
    ])
      expect(text).toMatch(new RegExp(`^${name} 0$`, 'm'))
    for (const code of Object.keys(REFUSALS))
      expect(text).toContain(`collector_reports_refused_total{code="${code}"} 0`)
    expect(text).toMatch(/^collector_store_commit_seconds_count 0$/m)
    expect(text).toMatch(/^collector_batch_reports_bucket\{le="\+Inf"\} 0$/m)
  })

  it('counts, and escapes label values instead of rewriting them', async () => {
    const metrics = createMetrics()
    metrics.unavailable.inc()
    metrics.refused.inc({ code: 'not-anonymized' })
    metrics.requests.inc({ route: 'a"b\\c\nd', status: '200' })
    const text = await metrics.text()
    expect(text).toMatch(/^collector_store_failures_total 1$/m)
    expect(text).toContain('collector_reports_refused_total{code="not-anonymized"} 1')
    expect(text).toContain('collector_http_requests_total{route="a\\"b\\\\c\\nd",status="200"} 1')
  })
})

describe('metricsServer', () => {
  it("serves the collector's metrics and the process's own (CPU, memory, event loop, GC) on GET /metrics only", async () => {
    const server = metricsServer(createMetrics())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const answer = await fetch(`${base}/metrics`)
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      const text = await answer.text()
      for (const name of [
        'collector_reports_accepted_total',
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_p99_seconds',
        'nodejs_heap_size_used_bytes',
        'nodejs_gc_duration_seconds',
      ])
        expect(text).toContain(`# TYPE ${name} `)
      expect((await fetch(`${base}/`)).status).toBe(404)
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404)
    } finally {
      server.close()
    }
  })
})
