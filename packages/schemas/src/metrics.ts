import { z } from 'zod'
import { duration } from './duration.js'
import { fileOrContent, group, section, stringMap, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** metrics */
export const metrics = exported(
  group({
    addInternals: exported(z.boolean().default(false), 'TODO'),
    prometheus: exported(
      section({
        buckets: exported(z.array(z.number()).default([0.1, 0.3, 1.2, 5]), 'TODO'),
        addEntryPointsLabels: exported(z.boolean().default(true), 'TODO'),
        addRoutersLabels: exported(z.boolean().default(false), 'TODO'),
        addServicesLabels: exported(z.boolean().default(true), 'TODO'),
        entryPoint: exported(z.string().default('baqup'), 'TODO'),
        manualRouting: exported(z.boolean().default(false), 'TODO'),
        headerLabels: masked(stringMap(), 'TODO'),
      }),
      'TODO',
    ),
    datadog: exported(
      section({
        address: masked(z.string().default('localhost:8125'), 'TODO'),
        pushInterval: exported(duration().default('10s'), 'TODO'),
        addEntryPointsLabels: exported(z.boolean().default(true), 'TODO'),
        addRoutersLabels: exported(z.boolean().default(false), 'TODO'),
        addServicesLabels: exported(z.boolean().default(true), 'TODO'),
        prefix: masked(z.string().default('baqup'), 'TODO'),
      }),
      'TODO',
    ),
    statsD: exported(
      section({
        address: masked(z.string().default('localhost:8125'), 'TODO'),
        pushInterval: exported(duration().default('10s'), 'TODO'),
        addEntryPointsLabels: exported(z.boolean().default(true), 'TODO'),
        addRoutersLabels: exported(z.boolean().default(false), 'TODO'),
        addServicesLabels: exported(z.boolean().default(true), 'TODO'),
        prefix: masked(z.string().default('baqup'), 'TODO'),
      }),
      'TODO',
    ),
    influxDB2: exported(
      section({
        address: masked(z.string().default('http://localhost:8086'), 'TODO'),
        token: masked(fileOrContent(), 'TODO'),
        pushInterval: exported(duration().default('10s'), 'TODO'),
        org: masked(z.string(), 'TODO'),
        bucket: masked(z.string(), 'TODO'),
        addEntryPointsLabels: exported(z.boolean().default(true), 'TODO'),
        addRoutersLabels: exported(z.boolean().default(false), 'TODO'),
        addServicesLabels: exported(z.boolean().default(true), 'TODO'),
        additionalLabels: masked(stringMap(), 'TODO'),
      }),
      'TODO',
    ),
    otlp: exported(
      section({
        grpc: exported(
          section({
            endpoint: masked(z.string().default('localhost:4317'), 'TODO'),
            insecure: exported(z.boolean().default(false), 'TODO'),
            tls: exported(
              group({
                ca: masked(z.string(), 'TODO'),
                cert: masked(z.string(), 'TODO'),
                key: masked(z.string(), 'TODO'),
                insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
              }),
              'TODO',
            ),
            headers: masked(stringMap(), 'TODO'),
          }),
          'TODO',
        ),
        http: exported(
          withParent(
            section({
              endpoint: masked(z.string().default('https://localhost:4318'), 'TODO'),
              tls: exported(
                group({
                  ca: masked(z.string(), 'TODO'),
                  cert: masked(z.string(), 'TODO'),
                  key: masked(z.string(), 'TODO'),
                  insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
                }),
                'TODO',
              ),
              headers: masked(stringMap(), 'TODO'),
            }),
          ),
          'TODO',
        ),
        addEntryPointsLabels: exported(z.boolean().default(true), 'TODO'),
        addRoutersLabels: exported(z.boolean().default(false), 'TODO'),
        addServicesLabels: exported(z.boolean().default(true), 'TODO'),
        explicitBoundaries: exported(
          z.array(z.number()).default([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]),
          'TODO',
        ),
        pushInterval: exported(duration().default('10s'), 'TODO'),
        serviceName: masked(z.string().default('baqup'), 'TODO'),
        resourceAttributes: masked(stringMap(), 'TODO'),
      }),
      'TODO',
    ),
  }),
  'TODO',
)
