import type * as z from 'zod'
import { walk } from '../schema/walk.js'
import { anonymizeTree } from './anonymize.js'
import type { Decision } from './decision.js'

/** The anonymized copy and the decisions that made it, from one walk. */
export interface ExplainedAnonymization {
  readonly anonymized: Record<string, unknown>
  readonly decisions: Decision[]
}

/**
 * The anonymized copy of a configuration together with the operator's answer to "why was this
 * masked?": one decision per path of the configuration, in the configuration's order — every
 * leaf, every entry name that was scrubbed, every container removed whole, and every container
 * kept empty. One walk: `anonymized` is exactly what `anonymize` returns.
 */
export function anonymizeExplained(schema: z.ZodType, config: Record<string, unknown>): ExplainedAnonymization {
  const decisions: Decision[] = []
  const anonymized = anonymizeTree(walk(schema), config, decisions)
  return { anonymized, decisions }
}

/** The decisions alone (see {@link anonymizeExplained}). */
export function explain(schema: z.ZodType, config: Record<string, unknown>): Decision[] {
  return anonymizeExplained(schema, config).decisions
}
