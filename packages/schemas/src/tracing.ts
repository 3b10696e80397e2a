import * as z from 'zod'
import { section, stringMap, withParent } from './kinds.js'
import { exported, masked } from './meta.js'
import { otlpResource, otlpTransports } from './otlp.js'

/** Distributed tracing, exported with OpenTelemetry. */
export const tracing = exported(
  section({
    ...otlpResource('traces'),
    capturedRequestHeaders: masked(z.array(z.string()), 'Request headers recorded as span attributes.'),
    capturedResponseHeaders: masked(z.array(z.string()), 'Response headers recorded as span attributes.'),
    safeQueryParams: masked(z.array(z.string()), 'Query parameters recorded in clear in spans; others are redacted.'),
    sampleRate: exported(z.number().default(1), 'Fraction of requests traced, from 0 (none) to 1 (all).'),
    addInternals: exported(
      z.boolean().default(false),
      'Also trace requests to internal services (API, dashboard, ping).',
    ),
    otlp: exported(
      withParent(section(otlpTransports('traces'))),
      'Export traces to an OpenTelemetry collector over OTLP (the default exporter).',
    ),
    globalAttributes: masked(stringMap(), 'Deprecated: attributes added to every span; use resourceAttributes.'),
  }),
  'Record distributed traces of requests and export them with OpenTelemetry.',
)
