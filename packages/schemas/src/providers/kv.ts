import { z } from 'zod'
import { group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.consul */
export const consul = exported(
  section({
    rootKey: masked(z.string().default('baqup'), 'TODO'),
    endpoints: masked(z.array(z.string()).default(['127.0.0.1:8500']), 'TODO'),
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
    namespaces: masked(z.array(z.string()), 'TODO'),
  }),
  'TODO',
)

/** providers.etcd */
export const etcd = exported(
  section({
    rootKey: masked(z.string().default('baqup'), 'TODO'),
    endpoints: masked(z.array(z.string()).default(['127.0.0.1:2379']), 'TODO'),
    tls: exported(
      group({
        ca: masked(z.string(), 'TODO'),
        cert: masked(z.string(), 'TODO'),
        key: masked(z.string(), 'TODO'),
        insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
      }),
      'TODO',
    ),
    username: masked(z.string(), 'TODO'),
    password: masked(z.string(), 'TODO'),
  }),
  'TODO',
)

/** providers.zooKeeper */
export const zooKeeper = exported(
  section({
    rootKey: masked(z.string().default('baqup'), 'TODO'),
    endpoints: masked(z.array(z.string()).default(['127.0.0.1:2181']), 'TODO'),
    username: masked(z.string(), 'TODO'),
    password: masked(z.string(), 'TODO'),
  }),
  'TODO',
)

/** providers.redis */
export const redis = exported(
  section({
    rootKey: masked(z.string().default('baqup'), 'TODO'),
    endpoints: masked(z.array(z.string()).default(['127.0.0.1:6379']), 'TODO'),
    tls: exported(
      group({
        ca: masked(z.string(), 'TODO'),
        cert: masked(z.string(), 'TODO'),
        key: masked(z.string(), 'TODO'),
        insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
      }),
      'TODO',
    ),
    username: masked(z.string(), 'TODO'),
    password: masked(z.string(), 'TODO'),
    db: masked(z.int().default(0), 'TODO'),
    sentinel: exported(
      group({
        masterName: masked(z.string(), 'TODO'),
        username: masked(z.string(), 'TODO'),
        password: masked(z.string(), 'TODO'),
        latencyStrategy: exported(z.boolean().default(false), 'TODO'),
        randomStrategy: exported(z.boolean().default(false), 'TODO'),
        replicaStrategy: exported(z.boolean().default(false), 'TODO'),
        useDisconnectedReplicas: exported(z.boolean().default(false), 'TODO'),
      }),
      'TODO',
    ),
  }),
  'TODO',
)
