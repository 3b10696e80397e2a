import { z } from 'zod'
import { duration } from '../duration.js'
import { group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.knative */
export const knative = exported(
  section({
    endpoint: masked(z.string(), 'TODO'),
    token: masked(z.string(), 'TODO'),
    certAuthFilePath: masked(z.string(), 'TODO'),
    namespaces: masked(z.array(z.string()), 'TODO'),
    labelSelector: masked(z.string(), 'TODO'),
    publicEntrypoints: exported(z.array(z.string()), 'TODO'),
    publicService: masked(
      group({
        desc: masked(z.string(), 'TODO'),
        namespace: masked(z.string(), 'TODO'),
      }),
      'TODO',
    ),
    privateEntrypoints: exported(z.array(z.string()), 'TODO'),
    privateService: masked(
      group({
        desc: masked(z.string(), 'TODO'),
        namespace: masked(z.string(), 'TODO'),
      }),
      'TODO',
    ),
    throttleDuration: masked(duration().default('0s'), 'TODO'),
  }),
  'TODO',
)
