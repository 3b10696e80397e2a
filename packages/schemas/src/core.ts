import * as z from 'zod'
import { group } from './kinds.js'
import { masked } from './meta.js'

/** Core behaviour that changed between major versions. */
export const core = masked(
  group({
    defaultRuleSyntax: masked(z.string().default('v3'), 'Syntax of router rules that do not set one: v3 or v2.'),
  }),
  'Core behaviour kept from earlier major versions.',
)
