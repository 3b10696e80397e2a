import type * as z from 'zod'
import { anonymizeTree } from './anonymize.js'
import { walk } from './schema/walk.js'

export type DecisionKind = 'kept' | 'masked' | 'scrubbed' | 'removed'

/** Why one path of the configuration came out the way it did. */
export interface Decision {
  /** Real names: `providers.docker.endpoint`, `entryPoints.web.http.tls.domains[0].main`. */
  readonly path: string
  readonly decision: DecisionKind
  /** `exported`, `not exported`, `scrubbed: host of an address (port kept)`, `not exported: removed (map)`, `unknown option: removed`… */
  readonly reason: string
}

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
