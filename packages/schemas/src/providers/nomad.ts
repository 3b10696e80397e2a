import { z } from 'zod'
import { duration } from '../duration.js'
import { group, section, withParent } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.nomad */
export const nomad = exported(
  section({
    defaultRule: masked(z.string().default('Host(`{{ normalize .Name }}`)'), 'TODO'),
    constraints: masked(z.string(), 'TODO'),
    endpoint: exported(
      withParent(
        group({
          address: masked(z.string().default('http://127.0.0.1:4646'), 'TODO'),
          region: masked(z.string(), 'TODO'),
          token: masked(z.string(), 'TODO'),
          tls: exported(
            group({
              ca: masked(z.string(), 'TODO'),
              cert: masked(z.string(), 'TODO'),
              key: masked(z.string(), 'TODO'),
              insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
            }),
            'TODO',
          ),
          endpointWaitTime: exported(duration().default('0s'), 'TODO'),
        }),
      ),
      'TODO',
    ),
    prefix: masked(z.string().default('baqup'), 'TODO'),
    stale: exported(z.boolean().default(false), 'TODO'),
    exposedByDefault: exported(z.boolean().default(true), 'TODO'),
    refreshInterval: exported(duration().default('15s'), 'TODO'),
    allowEmptyServices: exported(z.boolean().default(false), 'TODO'),
    watch: exported(z.boolean().default(false), 'TODO'),
    throttleDuration: exported(duration().default('0s'), 'TODO'),
    namespaces: masked(z.array(z.string()), 'TODO'),
  }),
  'TODO',
)
