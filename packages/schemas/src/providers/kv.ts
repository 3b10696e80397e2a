import * as z from 'zod'
import { group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { credentials, tlsTo } from './common.js'

/** Where a key-value store is and under which key the configuration sits. */
function store(name: string, defaultEndpoint: string) {
  return {
    rootKey: masked(z.string().default('baqup'), `Key under which the configuration is stored in ${name}.`),
    endpoints: masked(z.array(z.string()).default([defaultEndpoint]), `Addresses (host:port) of the ${name} servers.`),
  }
}

/** providers.consul */
export const consul = exported(
  section({
    ...store('Consul', '127.0.0.1:8500'),
    token: masked(z.string(), 'ACL token sent with each request to Consul.'),
    tls: tlsTo('Consul'),
    namespaces: masked(z.array(z.string()), 'Consul Enterprise namespaces to read the configuration from.'),
  }),
  "Reads dynamic configuration from keys in Consul's key-value store.",
)

/** providers.etcd */
export const etcd = exported(
  section({ ...store('etcd', '127.0.0.1:2379'), tls: tlsTo('etcd'), ...credentials('etcd') }),
  'Reads dynamic configuration from keys in etcd.',
)

/** providers.zooKeeper */
export const zooKeeper = exported(
  section({ ...store('ZooKeeper', '127.0.0.1:2181'), ...credentials('ZooKeeper') }),
  'Reads dynamic configuration from keys in ZooKeeper.',
)

const excludesOthers = '(excludes the other strategies)'

/** providers.redis */
export const redis = exported(
  section({
    ...store('Redis', '127.0.0.1:6379'),
    tls: tlsTo('Redis'),
    ...credentials('Redis'),
    db: masked(z.int().default(0), 'Index of the Redis database selected after connecting.'),
    sentinel: exported(
      group({
        masterName: masked(z.string(), 'Name of the master set that Sentinel monitors.'),
        ...credentials('Redis Sentinel'),
        latencyStrategy: exported(
          z.boolean().default(false),
          `Send commands to the closest node, master or replica ${excludesOthers}.`,
        ),
        randomStrategy: exported(
          z.boolean().default(false),
          `Send commands to a random node, master or replica ${excludesOthers}.`,
        ),
        replicaStrategy: exported(z.boolean().default(false), `Send all commands to replicas ${excludesOthers}.`),
        useDisconnectedReplicas: exported(
          z.boolean().default(false),
          'Fall back on replicas cut off from the master when no connected one is left.',
        ),
      }),
      'Reach Redis through Sentinel, which tracks the current master.',
    ),
  }),
  'Reads dynamic configuration from keys in Redis.',
)
