import { z } from 'zod'
import { section } from '../kinds.js'
import { exported } from '../meta.js'

/** providers.rest */
export const rest = exported(
  section({
    insecure: exported(z.boolean().default(false), 'TODO'),
  }),
  'TODO',
)
