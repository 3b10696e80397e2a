import { z } from 'zod'
import { duration } from '../duration.js'
import { group, section, stringMap } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.http */
export const http = exported(
  section({
    endpoint: masked(z.string(), 'TODO'),
    pollInterval: exported(duration().default('5s'), 'TODO'),
    pollTimeout: exported(duration().default('5s'), 'TODO'),
    headers: masked(stringMap(), 'TODO'),
    tls: exported(
      group({
        ca: masked(z.string(), 'TODO'),
        cert: masked(z.string(), 'TODO'),
        key: masked(z.string(), 'TODO'),
        insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
      }),
      'TODO',
    ),
    maxResponseBodySize: exported(z.int().default(-1), 'TODO'),
  }),
  'TODO',
)
