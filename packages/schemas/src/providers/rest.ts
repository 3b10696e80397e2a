import * as z from 'zod'
import { section } from '../kinds.js'
import { exported } from '../meta.js'

/** providers.rest */
export const rest = exported(
  section({
    insecure: exported(
      z.boolean().default(false),
      'Serve the REST endpoint on the entry point named baqup, with no protection.',
    ),
  }),
  'Accepts dynamic configuration pushed to an HTTP endpoint (PUT /api/providers/rest).',
)
