import { z } from 'zod'
import { duration } from '../duration.js'
import { fileOrContent, group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.kubernetesGateway */
export const kubernetesGateway = exported(
  section({
    endpoint: masked(z.string(), 'TODO'),
    token: masked(fileOrContent(), 'TODO'),
    qps: exported(z.int().default(50), 'TODO'),
    burst: exported(z.int().default(100), 'TODO'),
    certAuthFilePath: masked(z.string(), 'TODO'),
    namespaces: masked(z.array(z.string()), 'TODO'),
    labelSelector: masked(z.string(), 'TODO'),
    throttleDuration: exported(duration().default('0s'), 'TODO'),
    experimentalChannel: exported(z.boolean().default(false), 'TODO'),
    statusAddress: masked(
      group({
        ip: masked(z.string(), 'TODO'),
        hostname: masked(z.string(), 'TODO'),
        service: masked(
          group({
            name: masked(z.string(), 'TODO'),
            namespace: masked(z.string(), 'TODO'),
          }),
          'TODO',
        ),
      }),
      'TODO',
    ),
    nativeLBByDefault: exported(z.boolean().default(false), 'TODO'),
    crossProviderNamespaces: masked(z.array(z.string()), 'TODO'),
  }),
  'TODO',
)
