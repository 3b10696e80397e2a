import * as z from 'zod'
import { fileOrContent, section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { kubernetesOptions } from './common.js'

const {
  endpoint,
  token,
  certAuthFilePath,
  namespaces,
  allowExternalNameServices,
  crossProviderNamespaces,
  labelSelector,
  throttleDuration,
  allowEmptyServices,
  nativeLBByDefault,
  disableClusterScopeResources,
} = kubernetesOptions(fileOrContent(), 'custom resources')

/** providers.kubernetesCRD */
export const kubernetesCRD = exported(
  section({
    endpoint,
    token,
    certAuthFilePath,
    namespaces,
    allowCrossNamespace: exported(z.boolean().default(false), 'Let resources reference resources of other namespaces.'),
    allowExternalNameServices,
    crossProviderNamespaces,
    labelSelector,
    ingressClass: masked(z.string(), 'Only read resources of this ingress class (ingressClassName or annotation).'),
    throttleDuration,
    allowEmptyServices,
    nativeLBByDefault,
    disableClusterScopeResources,
  }),
  "Builds routes from Baqup's Kubernetes custom resources (IngressRoute, Middleware…).",
)
