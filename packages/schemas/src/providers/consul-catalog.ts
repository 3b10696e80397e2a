import { z } from 'zod'
import { duration } from '../duration.js'
import { group, section, withParent } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.consulCatalog */
export const consulCatalog = exported(
  section({
    constraints: masked(z.string(), 'TODO'),
    endpoint: exported(
      withParent(
        group({
          address: masked(z.string(), 'TODO'),
          scheme: masked(z.string(), 'TODO'),
          datacenter: masked(z.string(), 'TODO'),
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
          httpAuth: masked(
            group({
              username: masked(z.string(), 'TODO'),
              password: masked(z.string(), 'TODO'),
            }),
            'TODO',
          ),
          endpointWaitTime: exported(duration().default('0s'), 'TODO'),
        }),
      ),
      'TODO',
    ),
    prefix: masked(z.string().default('baqup'), 'TODO'),
    refreshInterval: exported(duration().default('15s'), 'TODO'),
    requireConsistent: exported(z.boolean().default(false), 'TODO'),
    stale: exported(z.boolean().default(false), 'TODO'),
    cache: exported(z.boolean().default(false), 'TODO'),
    exposedByDefault: exported(z.boolean().default(true), 'TODO'),
    defaultRule: masked(z.string().default('Host(`{{ normalize .Name }}`)'), 'TODO'),
    connectAware: exported(z.boolean().default(false), 'TODO'),
    connectByDefault: exported(z.boolean().default(false), 'TODO'),
    serviceName: masked(z.string().default('baqup'), 'TODO'),
    watch: exported(z.boolean().default(false), 'TODO'),
    strictChecks: exported(z.array(z.string()).default(['passing', 'warning']), 'TODO'),
    namespaces: masked(z.array(z.string()), 'TODO'),
  }),
  'TODO',
)
