import * as z from 'zod'
import { duration } from '../duration.js'
import { group, section, withParent } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { allowEmptyServices, labelOptions, tlsTo } from './common.js'

const { constraints, exposedByDefault, defaultRule, prefix } = labelOptions('Nomad services', 'tag')

/** providers.nomad */
export const nomad = exported(
  section({
    defaultRule,
    constraints,
    endpoint: exported(
      withParent(
        group({
          address: masked(z.string().default('http://127.0.0.1:4646'), 'URL of the Nomad API, with scheme and port.'),
          region: masked(z.string(), "Nomad region to read; empty means the agent's own."),
          token: masked(z.string(), 'ACL token sent with each request to Nomad.'),
          tls: tlsTo('Nomad'),
          endpointWaitTime: exported(
            duration().default('0s'),
            "Longest wait of a blocking watch query, as a duration; 0s means Nomad's default.",
          ),
        }),
      ),
      'Connection to the Nomad API.',
    ),
    prefix,
    stale: exported(z.boolean().default(false), 'Allow stale reads, answered by any Nomad server.'),
    exposedByDefault,
    refreshInterval: exported(duration().default('15s'), 'Interval between two polls of the Nomad API, as a duration.'),
    allowEmptyServices: allowEmptyServices(),
    watch: exported(z.boolean().default(false), 'Follow Nomad service events as they happen, instead of polling.'),
    throttleDuration: exported(
      duration().default('0s'),
      'Shortest wait between two reloads caused by Nomad events, as a duration.',
    ),
    namespaces: masked(z.array(z.string()), 'Nomad namespaces to read services from.'),
  }),
  'Builds routes from the tags of services registered in Nomad.',
)
