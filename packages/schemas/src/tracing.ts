import { z } from 'zod'
import { group, section, stringMap, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** tracing */
export const tracing = exported(
  section({
    serviceName: masked(z.string().default('baqup'), 'TODO'),
    resourceAttributes: masked(stringMap(), 'TODO'),
    capturedRequestHeaders: masked(z.array(z.string()), 'TODO'),
    capturedResponseHeaders: masked(z.array(z.string()), 'TODO'),
    safeQueryParams: masked(z.array(z.string()), 'TODO'),
    sampleRate: exported(z.number().default(1), 'TODO'),
    addInternals: exported(z.boolean().default(false), 'TODO'),
    otlp: exported(
      withParent(
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
        }),
      ),
      'TODO',
    ),
    globalAttributes: masked(stringMap(), 'TODO'),
  }),
  'TODO',
)
