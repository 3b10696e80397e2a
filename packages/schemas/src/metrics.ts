import * as z from 'zod'
import { duration } from './duration.js'
import { fileOrContent, group, section, stringMap } from './kinds.js'
import { exported, masked } from './meta.js'
import { otlpResource, otlpTransports } from './otlp.js'
import { entryPointName } from './shapes.js'

/** The three switches every metrics back end has: which request metrics are recorded. */
function recordedLabels() {
  return {
    addEntryPointsLabels: exported(z.boolean().default(true), 'Record request metrics per entry point.'),
    addRoutersLabels: exported(z.boolean().default(false), 'Record request metrics per router.'),
    addServicesLabels: exported(z.boolean().default(true), 'Record request metrics per service.'),
  }
}

function pushInterval(target: string) {
  return exported(duration().default('10s'), `Interval between two pushes of metrics to ${target}.`)
}

/** Datadog and StatsD: the same push over the StatsD protocol. */
function statsdPush(target: string, help: string) {
  return exported(
    section({
      address: masked(z.string().default('localhost:8125'), `Address (host:port) of ${target}.`),
      pushInterval: pushInterval(target),
      ...recordedLabels(),
      prefix: masked(z.string().default('baqup'), `Prefix of every metric name sent to ${target}.`),
    }),
    help,
  )
}

/** Metrics and the back ends that scrape or receive them. */
export const metrics = exported(
  group({
    addInternals: exported(
      z.boolean().default(false),
      'Also record metrics of internal services (API, dashboard, ping).',
    ),
    prometheus: exported(
      section({
        buckets: exported(
          z.array(z.number()).default([0.1, 0.3, 1.2, 5]),
          'Histogram buckets of request durations, in seconds.',
        ),
        ...recordedLabels(),
        entryPoint: exported(entryPointName().default('baqup'), 'Entry point that serves /metrics.'),
        manualRouting: exported(
          z.boolean().default(false),
          'Do not create the default /metrics router; route prometheus@internal yourself.',
        ),
        headerLabels: masked(
          stringMap(),
          'Extra labels of request counts, taken from request headers (label → header).',
        ),
      }),
      'Expose metrics in the Prometheus format at /metrics, for scraping.',
    ),
    datadog: statsdPush('the Datadog agent', 'Push metrics to a Datadog agent over DogStatsD.'),
    statsD: statsdPush('the StatsD server', 'Push metrics to a StatsD server.'),
    influxDB2: exported(
      section({
        address: masked(z.string().default('http://localhost:8086'), 'URL of the InfluxDB 2 server.'),
        token: masked(fileOrContent(), 'InfluxDB 2 access token (or the path of a file holding it).'),
        pushInterval: pushInterval('InfluxDB'),
        org: masked(z.string(), 'InfluxDB organisation that owns the bucket.'),
        bucket: masked(z.string(), 'InfluxDB bucket that receives the metrics.'),
        ...recordedLabels(),
        additionalLabels: masked(stringMap(), 'Extra tags added to every metric (tag → value).'),
      }),
      'Push metrics to an InfluxDB 2 server.',
    ),
    otlp: exported(
      section({
        ...otlpTransports('metrics'),
        ...recordedLabels(),
        explicitBoundaries: exported(
          z.array(z.number()).default([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]),
          'Histogram bucket boundaries of request durations, in seconds.',
        ),
        pushInterval: pushInterval('the collector'),
        ...otlpResource('metrics'),
      }),
      'Push metrics to an OpenTelemetry collector over OTLP.',
    ),
  }),
  'Metrics about requests, and the back ends that receive them.',
)
