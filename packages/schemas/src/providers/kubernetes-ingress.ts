import { z } from 'zod'
import { duration } from '../duration.js'
import { fileOrContent, group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.kubernetesIngress */
export const kubernetesIngress = exported(
  section({
    endpoint: masked(z.string(), 'TODO'),
    token: masked(fileOrContent(), 'TODO'),
    certAuthFilePath: masked(z.string(), 'TODO'),
    namespaces: masked(z.array(z.string()), 'TODO'),
    labelSelector: masked(z.string(), 'TODO'),
    ingressClass: masked(z.string(), 'TODO'),
    ingressEndpoint: masked(
      group({
        ip: masked(z.string(), 'TODO'),
        hostname: masked(z.string(), 'TODO'),
        publishedService: masked(z.string(), 'TODO'),
      }),
      'TODO',
    ),
    reportNodeInternalIPs: exported(z.boolean().default(false), 'TODO'),
    throttleDuration: exported(duration().default('0s'), 'TODO'),
    allowEmptyServices: exported(z.boolean().default(false), 'TODO'),
    allowExternalNameServices: exported(z.boolean().default(false), 'TODO'),
    crossProviderNamespaces: masked(z.array(z.string()), 'TODO'),
    disableIngressClassLookup: exported(z.boolean().default(false), 'TODO'),
    disableClusterScopeResources: exported(z.boolean().default(false), 'TODO'),
    nativeLBByDefault: exported(z.boolean().default(false), 'TODO'),
    strictPrefixMatching: exported(z.boolean().default(false), 'TODO'),
  }),
  'TODO',
)
