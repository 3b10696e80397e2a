/** Prometheus text exposition, by hand: a few counters and two histograms. */

type Labels = Record<string, string>

const labelText = (labels: Labels) => {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, '_')}"`)
  return pairs.length ? `{${pairs.join(',')}}` : ''
}

class Counter {
  readonly values = new Map<string, number>()
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1) {
    const key = labelText(labels)
    this.values.set(key, (this.values.get(key) ?? 0) + by)
  }
  text(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values].map(([labels, value]) => `${this.name}${labels} ${value}`),
    ]
  }
}

class Histogram {
  private readonly counts: number[]
  private sum = 0
  private count = 0
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0)
  }
  observe(value: number) {
    this.buckets.forEach((bound, index) => {
      if (value <= bound) this.counts[index] = (this.counts[index] ?? 0) + 1
    })
    this.sum += value
    this.count++
  }
  text(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
      ...this.buckets.map((bound, index) => `${this.name}_bucket{le="${bound}"} ${this.counts[index]}`),
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`,
    ]
  }
}

export function createMetrics() {
  const metrics = {
    requests: new Counter('collector_http_requests_total', 'HTTP requests by route and status.'),
    accepted: new Counter('collector_reports_accepted_total', 'Usage reports stored.'),
    refused: new Counter('collector_reports_refused_total', 'Usage reports refused, by code.'),
    unavailable: new Counter('collector_store_failures_total', 'Group commits the store failed.'),
    versionChecks: new Counter('collector_version_checks_total', 'Release list requests.'),
    storeSeconds: new Histogram(
      'collector_store_commit_seconds',
      'Duration of a group commit.',
      [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    ),
    batchSize: new Histogram('collector_batch_reports', 'Reports per group commit.', [1, 2, 5, 10, 50, 100, 500]),
  }
  return {
    ...metrics,
    text: () =>
      `${Object.values(metrics)
        .flatMap((metric) => metric.text())
        .join('\n')}\n`,
  }
}

export type Metrics = ReturnType<typeof createMetrics>
