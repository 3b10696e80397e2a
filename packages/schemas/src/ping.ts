import { z } from 'zod'
import { section } from './kinds.js'
import { exported } from './meta.js'

/** ping */
export const ping = exported(
  section({
    entryPoint: exported(z.string().default('baqup'), 'TODO'),
    manualRouting: exported(z.boolean().default(false), 'TODO'),
    terminatingStatusCode: exported(z.int().default(503), 'TODO'),
  }),
  'TODO',
)
