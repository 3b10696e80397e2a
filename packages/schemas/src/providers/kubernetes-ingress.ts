import * as z from 'zod'
import { fileOrContent, group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { kubernetesOptions } from './common.js'

const {
  endpoint,
  token,
  certAuthFilePath,
  namespaces,
  labelSelector,
  throttleDuration,
  allowEmptyServices,
  allowExternalNameServices,
  crossProviderNamespaces,
  disableClusterScopeResources,
  nativeLBByDefault,
} = kubernetesOptions(fileOrContent(), 'Ingresses')

/** providers.kubernetesIngress */
export const kubernetesIngress = exported(
  section({
    endpoint,
    token,
    certAuthFilePath,
    namespaces,
    labelSelector,
    ingressClass: masked(z.string(), 'Only read Ingresses of this IngressClass or kubernetes.io/ingress.class value.'),
    ingressEndpoint: exported(
      group({
        ip: masked(z.string(), 'IP address written into the status of the Ingresses served.'),
        hostname: masked(z.string(), 'Host name written into the status of the Ingresses served.'),
        publishedService: masked(z.string(), 'Service (namespace/name) whose status address is copied to Ingresses.'),
      }),
      'Address Baqup writes into the status of the Ingresses it serves.',
    ),
    reportNodeInternalIPs: exported(
      z.boolean().default(false),
      "Write the nodes' internal IPs into Ingress status (excludes ingressEndpoint).",
    ),
    throttleDuration,
    allowEmptyServices,
    allowExternalNameServices,
    crossProviderNamespaces,
    disableIngressClassLookup: exported(
      z.boolean().default(false),
      'Do not look IngressClasses up (deprecated: use disableClusterScopeResources).',
    ),
    disableClusterScopeResources,
    nativeLBByDefault,
    strictPrefixMatching: exported(
      z.boolean().default(false),
      'Match Prefix paths by whole segments, as the Ingress spec says (/foo matches /foo/a, not /foobar).',
    ),
  }),
  'Builds routes from Kubernetes Ingress resources.',
)
