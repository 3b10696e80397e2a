import { duration } from '../duration.js'
import { section } from '../kinds.js'
import { exported } from '../meta.js'
import { dockerOptions } from './docker.js'

/** providers.swarm */
export const swarm = exported(
  section({
    ...dockerOptions('services', 'the Swarm manager'),
    refreshSeconds: exported(duration().default('15s'), 'Interval between two polls of Swarm services, as a duration.'),
  }),
  'Builds routes from the labels of Docker Swarm services.',
)
