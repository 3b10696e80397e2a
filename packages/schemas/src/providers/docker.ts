import * as z from 'zod'
import { duration } from '../duration.js'
import { section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { credentials, labelOptions, tlsTo } from './common.js'

/** The options Docker and Swarm share: `workloads` are what carries the labels, `peer` what Baqup calls. */
export function dockerOptions(workloads: 'containers' | 'services', peer: string) {
  const { constraints, exposedByDefault, defaultRule } = labelOptions(workloads, 'label')
  const { username, password } = credentials('the Docker API (HTTP basic authentication)')
  return {
    exposedByDefault,
    constraints,
    allowEmptyServices: exported(
      z.boolean().default(false),
      `Create services even for unhealthy ${workloads}; they answer 503 until one is healthy.`,
    ),
    network: masked(z.string(), `Docker network used to reach ${workloads} whose labels name none.`),
    useBindPortIP: exported(
      z.boolean().default(false),
      `Reach ${workloads} at the host IP and port they publish, not at their network IP.`,
    ),
    watch: exported(z.boolean().default(true), `Update routes as ${workloads} start, stop or change.`),
    defaultRule,
    username,
    password,
    endpoint: masked(
      z.string().default('unix:///var/run/docker.sock'),
      'Address of the Docker API: a unix:// socket, or a tcp:// or http(s):// URL.',
    ),
    tls: tlsTo(peer),
    httpClientTimeout: exported(
      duration().default('0s'),
      'Timeout of each HTTP call to the Docker API, as a duration; 0s means none.',
    ),
  }
}

/** providers.docker */
export const docker = exported(
  section(dockerOptions('containers', 'the Docker daemon')),
  'Builds routes from the labels of Docker containers.',
)
