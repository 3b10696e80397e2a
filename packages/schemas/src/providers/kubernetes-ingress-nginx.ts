import * as z from 'zod'
import { fileOrContent, group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { entryPointName, statusCode } from '../shapes.js'
import { kubernetesOptions } from './common.js'

const { endpoint, token, certAuthFilePath, throttleDuration } = kubernetesOptions(fileOrContent(), 'Ingresses')

// Most options here are exported switches and numbers with a default (ingress-nginx's ConfigMap values).
const int = (fallback: number, help: string) => exported(z.int().default(fallback), help)
const flag = (fallback: boolean, help: string) => exported(z.boolean().default(fallback), help)

/** providers.kubernetesIngressNGINX */
export const kubernetesIngressNGINX = exported(
  section({
    endpoint,
    token,
    certAuthFilePath,
    throttleDuration,
    globalAuthURL: masked(
      z.string(),
      'Authentication service URL for every Ingress, unless its auth-url annotation says.',
    ),
    watchNamespace: masked(
      z.string(),
      'The one namespace to watch; empty means all (excludes watchNamespaceSelector).',
    ),
    watchNamespaceSelector: masked(z.string(), 'Label selector choosing the namespaces to watch.'),
    ingressClass: masked(z.string().default('nginx'), 'Name of the ingress class this provider serves.'),
    controllerClass: masked(
      z.string().default('k8s.io/ingress-nginx'),
      'Controller value of the IngressClasses this provider serves.',
    ),
    watchIngressWithoutClass: flag(false, 'Also serve Ingresses that name no ingress class.'),
    ingressClassByName: flag(false, 'Also match IngressClasses by name, not only by controller.'),
    publishService: masked(z.string(), 'Service (namespace/name) whose address is written into Ingress status.'),
    publishStatusAddress: masked(z.array(z.string()), "Addresses written into Ingress status instead of a service's."),
    defaultBackendService: masked(z.string(), 'Service (namespace/name) answering requests that match no Ingress.'),
    disableSvcExternalName: flag(false, 'Refuse backends that are services of type ExternalName.'),
    ipAllowListStrategy: exported(
      group({
        depth: int(0, 'Position, from the right, of the client IP in X-Forwarded-For; 0 means unused.'),
        excludedIPs: masked(z.array(z.string()), 'Proxy IPs skipped when reading X-Forwarded-For from the right.'),
        ipv6Subnet: masked(
          z.int().default(0),
          'Prefix length, in bits, that groups IPv6 clients into one; 0 means off.',
        ),
      }),
      'How the client IP is found for source-range allow lists.',
    ),
    httpEntryPoint: exported(entryPointName(), 'Entry point that serves the Ingresses over plain HTTP.'),
    httpsEntryPoint: exported(entryPointName(), 'Entry point that serves the Ingresses over HTTPS.'),
    proxyRequestBuffering: flag(false, 'Read whole request bodies before forwarding them.'),
    clientBodyBufferSize: int(16384, 'Memory buffer for reading a request body, in bytes.'),
    proxyBodySize: int(1048576, 'Largest request body accepted, in bytes.'),
    proxyBuffering: flag(false, 'Read whole responses from backends before sending them on.'),
    proxyBufferSize: int(8192, 'Buffer for reading a response body, in bytes.'),
    proxyBuffersNumber: int(4, 'Number of buffers for reading a response, a count.'),
    proxyConnectTimeout: int(60, 'Time allowed to connect to a backend, in seconds.'),
    proxyReadTimeout: int(60, 'Time allowed between two reads from a backend, in seconds.'),
    proxySendTimeout: int(60, 'Time allowed between two writes to a backend, in seconds.'),
    proxyNextUpstream: masked(
      z.string().default('error timeout'),
      'Space-separated cases retried on another backend: error, timeout, http_<code>, non_idempotent.',
    ),
    proxyNextUpstreamTries: int(3, 'Most attempts at a request across backends, a count.'),
    proxyNextUpstreamTimeout: int(0, 'Time allowed for all retries of a request, in seconds; 0 means no limit.'),
    customHTTPErrors: exported(
      z.array(statusCode()),
      'Backend status codes replaced by an error page from the default backend.',
    ),
    upstreamKeepaliveTimeout: int(60, 'Idle time before a kept-alive backend connection closes, in seconds.'),
    allowCrossNamespaceResources: flag(false, 'Let annotations reference resources (secrets…) of other namespaces.'),
    globalAllowedResponseHeaders: masked(
      z.array(z.string()),
      'Response headers that custom-headers annotations may set.',
    ),
    allowSnippetAnnotations: flag(false, 'Read the *-snippet annotations, which inject raw configuration.'),
    strictValidatePathType: flag(true, 'Reject an Ingress with a regex path whose pathType is Prefix or Exact.'),
  }),
  'Builds routes from Ingresses written for ingress-nginx, with its annotations.',
)
