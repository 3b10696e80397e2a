import { z } from 'zod'
import { section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.ecs */
export const ecs = exported(
  section({
    constraints: masked(z.string(), 'TODO'),
    exposedByDefault: exported(z.boolean().default(true), 'TODO'),
    refreshSeconds: exported(z.int().default(15), 'TODO'),
    defaultRule: masked(z.string().default('Host(`{{ normalize .Name }}`)'), 'TODO'),
    clusters: masked(z.array(z.string()).default(['default']), 'TODO'),
    autoDiscoverClusters: exported(z.boolean().default(false), 'TODO'),
    healthyTasksOnly: exported(z.boolean().default(false), 'TODO'),
    ecsAnywhere: exported(z.boolean().default(false), 'TODO'),
    region: masked(z.string(), 'TODO'),
    accessKeyID: masked(z.string(), 'TODO'),
    secretAccessKey: masked(z.string(), 'TODO'),
  }),
  'TODO',
)
