import { z } from 'zod'
import { group } from './kinds.js'
import { masked } from './meta.js'

/** core */
export const core = masked(
  group({
    defaultRuleSyntax: masked(z.string().default('v3'), 'TODO'),
  }),
  'TODO',
)
