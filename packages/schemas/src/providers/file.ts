import { z } from 'zod'
import { group, withParent } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.file */
export const file = exported(
  withParent(
    group({
      directory: masked(z.string(), 'TODO'),
      watch: exported(z.boolean().default(true), 'TODO'),
      filename: masked(z.string(), 'TODO'),
      debugLogGeneratedTemplate: exported(z.boolean().default(false), 'TODO'),
    }),
  ),
  'TODO',
)
