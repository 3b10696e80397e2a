import * as z from 'zod'
import { section, stringMap, withParent } from './kinds.js'
import { exported, masked } from './meta.js'
import { clientTLS } from './tls.js'

/**
 * The OpenTelemetry exporter blocks shared by metrics, logs, access logs and traces.
 * `signal` names what is exported, in plural, as the help texts say it: `metrics`, `traces`…
 */

function collectorTLS(signal: string) {
  return exported(clientTLS('the collector'), `TLS settings of the connection that carries ${signal} to the collector.`)
}

function collectorHeaders() {
  return masked(
    stringMap(),
    'Extra headers sent to the collector with every export, such as credentials (name → value).',
  )
}

/** OTLP over gRPC: off until configured, and preferred over HTTP when present. */
function otlpGrpc(signal: string) {
  return exported(
    section({
      endpoint: masked(
        z.string().default('localhost:4317'),
        'Address (host:port) of the collector for OTLP over gRPC.',
      ),
      insecure: exported(z.boolean().default(false), `Send ${signal} to the collector without TLS (plain-text gRPC).`),
      tls: collectorTLS(signal),
      headers: collectorHeaders(),
    }),
    `Send ${signal} with OTLP over gRPC instead of HTTP.`,
  )
}

/** OTLP over HTTP: created with its parent, so it is the transport used when gRPC is not set. */
function otlpHttp(signal: string) {
  return exported(
    withParent(
      section({
        endpoint: masked(
          z.string().default('https://localhost:4318'),
          'URL (scheme://host:port/path) of the collector for OTLP over HTTP.',
        ),
        tls: collectorTLS(signal),
        headers: collectorHeaders(),
      }),
    ),
    `Send ${signal} with OTLP over HTTP, the transport used unless grpc is set.`,
  )
}

/** Both transports, in the order the configuration lists them. */
export function otlpTransports(signal: string) {
  return { grpc: otlpGrpc(signal), http: otlpHttp(signal) }
}

/** The OpenTelemetry resource that identifies this instance in the exported data. */
export function otlpResource(signal: string) {
  return {
    serviceName: masked(
      z.string().default('baqup'),
      `Service name attached to ${signal} as an OpenTelemetry resource.`,
    ),
    resourceAttributes: masked(
      stringMap(),
      `Extra OpenTelemetry resource attributes attached to ${signal} (name → value).`,
    ),
  }
}
