import { z } from 'zod'
import { duration } from '../duration.js'
import { group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.docker */
export const docker = exported(
  section({
    exposedByDefault: exported(z.boolean().default(true), 'TODO'),
    constraints: masked(z.string(), 'TODO'),
    allowEmptyServices: exported(z.boolean().default(false), 'TODO'),
    network: masked(z.string(), 'TODO'),
    useBindPortIP: exported(z.boolean().default(false), 'TODO'),
    watch: exported(z.boolean().default(true), 'TODO'),
    defaultRule: masked(z.string().default('Host(`{{ normalize .Name }}`)'), 'TODO'),
    username: masked(z.string(), 'TODO'),
    password: masked(z.string(), 'TODO'),
    endpoint: masked(z.string().default('unix:///var/run/docker.sock'), 'TODO'),
    tls: exported(
      group({
        ca: masked(z.string(), 'TODO'),
        cert: masked(z.string(), 'TODO'),
        key: masked(z.string(), 'TODO'),
        insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
      }),
      'TODO',
    ),
    httpClientTimeout: exported(duration().default('0s'), 'TODO'),
  }),
  'TODO',
)
