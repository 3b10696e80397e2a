import { z } from 'zod'
import { group, section, stringMap, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** log */
export const log = exported(
  section({
    level: exported(z.string().default('ERROR'), 'TODO'),
    format: exported(z.string().default('common'), 'TODO'),
    noColor: exported(z.boolean().default(false), 'TODO'),
    filePath: masked(z.string(), 'TODO'),
    maxSize: exported(z.int().default(0), 'TODO'),
    maxAge: exported(z.int().default(0), 'TODO'),
    maxBackups: exported(z.int().default(0), 'TODO'),
    compress: exported(z.boolean().default(false), 'TODO'),
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
