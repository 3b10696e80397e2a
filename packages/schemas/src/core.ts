import { group, oneOf } from './kinds.js'
import { masked } from './meta.js'

/** Core behaviour that changed between major versions. */
export const core = masked(
  group({
    defaultRuleSyntax: masked(
      oneOf(['v3', 'v2']).default('v3'),
      'Syntax of router rules that do not set one: v3 or v2.',
    ),
  }),
  'Core behaviour kept from earlier major versions.',
)
