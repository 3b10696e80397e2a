import * as z from 'zod'
import { group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { entryPointName } from '../shapes.js'
import { kubernetesOptions, kubernetesThrottleDuration } from './common.js'

const { endpoint, token, certAuthFilePath, namespaces, labelSelector } = kubernetesOptions(
  z.string(),
  'Knative ingresses',
)

/** The Kubernetes service that exposes one kind of Knative traffic. */
function serviceRef(traffic: string) {
  return masked(
    group({
      // Baqup's reader matches the Go field name (`name`); the JSON name is `desc`: both are read.
      desc: masked(z.string().meta({ aliases: ['name'] }), `Name of the Kubernetes service of ${traffic} traffic.`),
      namespace: masked(z.string(), `Namespace of the Kubernetes service of ${traffic} traffic.`),
    }),
    `Kubernetes service that exposes Knative's ${traffic} traffic.`,
  )
}

/** providers.knative */
export const knative = exported(
  section({
    endpoint,
    token,
    certAuthFilePath,
    namespaces,
    labelSelector,
    publicEntrypoints: exported(
      z.array(entryPointName()),
      "Entry points serving Knative's public traffic; empty means all of them.",
    ),
    publicService: serviceRef('public'),
    privateEntrypoints: exported(
      z.array(entryPointName()),
      "Entry points serving Knative's cluster-local traffic; empty skips that traffic.",
    ),
    privateService: serviceRef('cluster-local'),
    throttleDuration: kubernetesThrottleDuration(masked),
  }),
  'Builds routes from Knative Serving resources (needs experimental.knative).',
)
