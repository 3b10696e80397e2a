import { z } from 'zod'
import { group } from './kinds.js'
import { masked } from './meta.js'

/** spiffe */
export const spiffe = masked(
  group({
    workloadAPIAddr: masked(z.string(), 'TODO'),
  }),
  'TODO',
)
