import { z } from 'zod'
import { duration } from '../duration.js'
import { fileOrContent, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.kubernetesCRD */
export const kubernetesCRD = exported(
  section({
    endpoint: masked(z.string(), 'TODO'),
    token: masked(fileOrContent(), 'TODO'),
    certAuthFilePath: masked(z.string(), 'TODO'),
    namespaces: masked(z.array(z.string()), 'TODO'),
    allowCrossNamespace: exported(z.boolean().default(false), 'TODO'),
    allowExternalNameServices: exported(z.boolean().default(false), 'TODO'),
    crossProviderNamespaces: masked(z.array(z.string()), 'TODO'),
    labelSelector: masked(z.string(), 'TODO'),
    ingressClass: masked(z.string(), 'TODO'),
    throttleDuration: exported(duration().default('0s'), 'TODO'),
    allowEmptyServices: exported(z.boolean().default(false), 'TODO'),
    nativeLBByDefault: exported(z.boolean().default(false), 'TODO'),
    disableClusterScopeResources: exported(z.boolean().default(false), 'TODO'),
  }),
  'TODO',
)
