import { z } from 'zod'
import { section } from './kinds.js'
import { exported, masked } from './meta.js'

/** hostResolver */
export const hostResolver = exported(
  section({
    cnameFlattening: exported(z.boolean().default(false), 'TODO'),
    resolvConfig: masked(z.string().default('/etc/resolv.conf'), 'TODO'),
    resolvDepth: exported(z.int().default(5), 'TODO'),
  }),
  'TODO',
)
