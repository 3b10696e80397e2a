import * as z from 'zod'
import { section } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { labelOptions } from './common.js'

const { constraints, exposedByDefault, defaultRule } = labelOptions('ECS tasks', 'label')

/** providers.ecs */
export const ecs = exported(
  section({
    constraints,
    exposedByDefault,
    refreshSeconds: exported(z.int().default(15), 'Interval between two polls of the ECS API, in seconds.'),
    defaultRule,
    clusters: masked(z.array(z.string()).default(['default']), 'Names of the ECS clusters to read.'),
    autoDiscoverClusters: exported(
      z.boolean().default(false),
      'Read every ECS cluster the credentials can list, instead of those in clusters.',
    ),
    healthyTasksOnly: exported(z.boolean().default(false), 'Route only to tasks that ECS reports healthy.'),
    ecsAnywhere: exported(z.boolean().default(false), 'Also read tasks running on ECS Anywhere (external) instances.'),
    region: masked(z.string(), "AWS region of the clusters; empty means the SDK's default."),
    accessKeyID: masked(z.string(), "AWS access key ID; empty means the SDK's default credential chain."),
    secretAccessKey: masked(z.string(), 'AWS secret access key that goes with accessKeyID.'),
  }),
  'Builds routes from the labels of AWS ECS tasks.',
)
