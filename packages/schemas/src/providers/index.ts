import * as z from 'zod'
import { duration } from '../duration.js'
import { group, oneOf, withParent } from '../kinds.js'
import { exported } from '../meta.js'
import { consulCatalog } from './consul-catalog.js'
import { docker } from './docker.js'
import { ecs } from './ecs.js'
import { file } from './file.js'
import { http } from './http.js'
import { knative } from './knative.js'
import { kubernetesCRD } from './kubernetes-crd.js'
import { kubernetesGateway } from './kubernetes-gateway.js'
import { kubernetesIngress } from './kubernetes-ingress.js'
import { kubernetesIngressNGINX } from './kubernetes-ingress-nginx.js'
import { consul, etcd, redis, zooKeeper } from './kv.js'
import { nomad } from './nomad.js'
import { plugin } from './plugin.js'
import { rest } from './rest.js'
import { swarm } from './swarm.js'

/** The names Baqup gives its providers, in its default precedence order; any other name is refused. */
const PROVIDER_NAMES = [
  'kubernetesgateway',
  'kubernetescrd',
  'kubernetes',
  'kubernetesingressnginx',
  'swarm',
  'docker',
  'file',
  'redis',
  'knative',
  'consul',
  'consulcatalog',
  'nomad',
  'etcd',
  'ecs',
  'http',
  'zookeeper',
  'rest',
] as const

export const providers = exported(
  withParent(
    group({
      providersThrottleDuration: exported(
        duration().default('2s'),
        'Wait after a provider event before reloading, so a burst of events reloads once; a duration.',
      ),
      precedence: exported(
        z.array(oneOf(PROVIDER_NAMES)).default([...PROVIDER_NAMES]),
        'Provider names, first wins: orders the routers of equal priority that match a request.',
      ),
      docker,
      swarm,
      file,
      kubernetesIngress,
      kubernetesIngressNGINX,
      kubernetesCRD,
      kubernetesGateway,
      knative,
      rest,
      consulCatalog,
      nomad,
      ecs,
      consul,
      etcd,
      zooKeeper,
      redis,
      http,
      plugin,
    }),
  ),
  'Where Baqup reads its routing (dynamic) configuration from.',
)
