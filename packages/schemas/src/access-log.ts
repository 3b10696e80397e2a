import { z } from 'zod'
import { duration } from './duration.js'
import { group, section, stringMap, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** accessLog */
export const accessLog = exported(
  section({
    filePath: masked(z.string(), 'TODO'),
    format: exported(z.string().default('common'), 'TODO'),
    filters: exported(
      withParent(
        group({
          statusCodes: exported(z.array(z.string()), 'TODO'),
          retryAttempts: exported(z.boolean().default(false), 'TODO'),
          minDuration: exported(duration().default('0s'), 'TODO'),
        }),
      ),
      'TODO',
    ),
    fields: exported(
      withParent(
        group({
          defaultMode: exported(z.string().default('keep'), 'TODO'),
          names: exported(stringMap(), 'TODO'),
          headers: exported(
            withParent(
              group({
                defaultMode: exported(z.string().default('drop'), 'TODO'),
                names: masked(stringMap(), 'TODO'),
              }),
            ),
            'TODO',
          ),
          queryParameters: exported(
            withParent(
              group({
                defaultMode: exported(z.string().default('keep'), 'TODO'),
              }),
            ),
            'TODO',
          ),
        }),
      ),
      'TODO',
    ),
    bufferingSize: exported(z.int().default(0), 'TODO'),
    addInternals: exported(z.boolean().default(false), 'TODO'),
    dualOutput: exported(z.boolean().default(false), 'TODO'),
    otlp: exported(
      section({
        serviceName: masked(z.string().default('baqup'), 'TODO'),
        resourceAttributes: masked(stringMap(), 'TODO'),
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
      'TODO',
    ),
  }),
  'TODO',
)
