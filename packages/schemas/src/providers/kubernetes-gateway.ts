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
  nativeLBByDefault,
  crossProviderNamespaces,
} = kubernetesOptions(fileOrContent(), 'GatewayClasses')

/** providers.kubernetesGateway */
export const kubernetesGateway = exported(
  section({
    endpoint,
    token,
    qps: exported(z.int().default(50), 'Most requests per second to the Kubernetes API server; negative: no limit.'),
    burst: exported(z.int().default(100), 'Most requests sent at once to the Kubernetes API server, a count.'),
    certAuthFilePath,
    namespaces,
    labelSelector,
    throttleDuration,
    experimentalChannel: exported(
      z.boolean().default(false),
      'Also read experimental Gateway API resources (TCPRoute, TLSRoute…).',
    ),
    statusAddress: masked(
      group({
        ip: masked(z.string(), 'IP address written into the status of the Gateways served.'),
        hostname: masked(z.string(), 'Host name written into the status of the Gateways served.'),
        service: masked(
          group({
            name: masked(z.string(), 'Name of the Kubernetes service whose address is copied.'),
            namespace: masked(z.string(), 'Namespace of the Kubernetes service whose address is copied.'),
          }),
          'Kubernetes service whose address is copied into Gateway status.',
        ),
      }),
      'Address Baqup writes into the status of the Gateways it serves.',
    ),
    nativeLBByDefault,
    crossProviderNamespaces,
  }),
  'Builds routes from Kubernetes Gateway API resources (Gateway, HTTPRoute…).',
)
