import * as z from 'zod'
import { duration } from '../duration.js'
import { exported, masked } from '../meta.js'
import { clientTLS } from '../tls.js'

/**
 * Options several providers share, worded once. The builders return fields to pick by
 * destructuring, so each provider keeps its own field order (the order of the reference).
 */

/** The client TLS block of a provider's connection to `peer`. */
export function tlsTo(peer: string) {
  return exported(clientTLS(peer), `TLS settings of the connection to ${peer}.`)
}

/** User name and password for `peer`. */
export function credentials(peer: string) {
  return {
    username: masked(z.string(), `User name for authenticating to ${peer}.`),
    password: masked(z.string(), `Password for authenticating to ${peer}.`),
  }
}

/** Kubernetes, Consul Catalog and Nomad can route to a service that has no endpoint yet. */
export function allowEmptyServices() {
  return exported(z.boolean().default(false), 'Keep services that have no endpoint; they answer 503 until one appears.')
}

/**
 * Providers that route what carries Baqup's labels or tags (Docker, Swarm, ECS: labels;
 * Consul Catalog, Nomad: tags). `what` names the labelled things: `containers`, `Nomad services`.
 */
export function labelOptions(what: string, mark: 'label' | 'tag') {
  return {
    constraints: masked(z.string(), `Expression on ${mark}s choosing which ${what} get routes; empty means all.`),
    exposedByDefault: exported(
      z.boolean().default(true),
      `Route to all ${what}; when false, only to those with an enable=true ${mark}.`,
    ),
    defaultRule: masked(
      z.string().default('Host(`{{ normalize .Name }}`)'),
      `Go template of the rule given to routers of ${what} that set none.`,
    ),
    prefix: masked(z.string().default('baqup'), `Prefix of the ${mark}s Baqup reads, as in prefix.http.routers.`),
  }
}

/** Knative keeps its throttle duration masked, the other Kubernetes providers export it. */
export function kubernetesThrottleDuration(mark: typeof exported | typeof masked) {
  return mark(duration().default('0s'), 'Shortest wait between two reloads caused by cluster events, as a duration.')
}

/**
 * The Kubernetes providers' client and common behaviour. `token` is the token's schema (a value
 * or a file for most, a value only for Knative); `resources` names what the label selector filters.
 */
export function kubernetesOptions<Token extends z.ZodType>(token: Token, resources: string) {
  return {
    endpoint: masked(z.string(), 'URL of the Kubernetes API server; not needed inside the cluster.'),
    token: masked(token, 'Bearer token for the Kubernetes API server; not needed inside the cluster.'),
    certAuthFilePath: masked(z.string(), 'File of the CA certificate that verifies the Kubernetes API server.'),
    namespaces: masked(z.array(z.string()), 'Kubernetes namespaces to watch; empty means all of them.'),
    labelSelector: masked(z.string(), `Kubernetes label selector choosing which ${resources} are read.`),
    throttleDuration: kubernetesThrottleDuration(exported),
    allowEmptyServices: allowEmptyServices(),
    allowExternalNameServices: exported(
      z.boolean().default(false),
      'Allow routing to Kubernetes services of type ExternalName.',
    ),
    crossProviderNamespaces: masked(
      z.array(z.string()),
      'Namespaces whose resources may reference objects of other providers (name@provider).',
    ),
    nativeLBByDefault: exported(
      z.boolean().default(false),
      "Send traffic to a service's cluster IP rather than to each of its pods, by default.",
    ),
    disableClusterScopeResources: exported(
      z.boolean().default(false),
      'Read no cluster-wide resources (nodes, IngressClasses), so namespaced rights suffice.',
    ),
  }
}
