import * as z from 'zod'
import { duration } from '../duration.js'
import { group, oneOfAnyCase, section, withParent } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { credentials, labelOptions, tlsTo } from './common.js'

const { constraints, exposedByDefault, defaultRule, prefix } = labelOptions('Consul services', 'tag')

/** providers.consulCatalog */
export const consulCatalog = exported(
  section({
    constraints,
    endpoint: exported(
      withParent(
        group({
          address: masked(z.string(), 'Address (host:port) of the Consul agent to query.'),
          scheme: masked(z.string(), 'URI scheme used to reach Consul: http or https.'),
          datacenter: masked(z.string(), "Consul datacenter to read; empty means the agent's own."),
          token: masked(z.string(), 'ACL token sent with each request to Consul.'),
          tls: tlsTo('Consul'),
          httpAuth: exported(
            group(credentials('Consul (HTTP basic authentication)')),
            'HTTP basic authentication to Consul.',
          ),
          endpointWaitTime: exported(
            duration().default('0s'),
            "Longest wait of a blocking watch query, as a duration; 0s means Consul's default.",
          ),
        }),
      ),
      'Connection to the Consul agent.',
    ),
    prefix,
    refreshInterval: exported(duration().default('15s'), 'Interval between two reads of the catalog, as a duration.'),
    requireConsistent: exported(
      z.boolean().default(false),
      'Require fully consistent catalog reads, answered by the leader.',
    ),
    stale: exported(z.boolean().default(false), 'Allow stale catalog reads, answered by any Consul server.'),
    cache: exported(z.boolean().default(false), 'Let the local agent answer catalog reads from its cache.'),
    exposedByDefault,
    defaultRule,
    connectAware: exported(
      z.boolean().default(false),
      'Support Consul Connect: reach Connect services over mutual TLS.',
    ),
    connectByDefault: exported(
      z.boolean().default(false),
      'Treat every service as Connect-enabled unless a tag says otherwise.',
    ),
    serviceName: masked(z.string().default('baqup'), "Name of Baqup's own service in the Consul catalog, for Connect."),
    watch: exported(z.boolean().default(false), 'Follow catalog changes as they happen, on top of polling.'),
    strictChecks: exported(
      z.array(oneOfAnyCase(['passing', 'warning', 'critical', 'maintenance', 'any'])).default(['passing', 'warning']),
      'Health states that let an instance take traffic: passing, warning, critical, maintenance or any (any case).',
    ),
    namespaces: masked(z.array(z.string()), 'Consul Enterprise namespaces to read services from.'),
  }),
  'Builds routes from the tags of services in the Consul catalog.',
)
