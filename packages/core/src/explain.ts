import type { z } from 'zod'
import { anonymizeTree } from './anonymize.js'
import { walk } from './schema/walk.js'

export type DecisionKind = 'kept' | 'masked' | 'scrubbed' | 'removed'

/** Why one path of the configuration came out the way it did. */
export interface Decision {
  /** Real names: `providers.docker.endpoint`, `entryPoints.web.http.tls.domains[0].main`. */
  readonly path: string
  readonly decision: DecisionKind
  /** `exported`, `not exported`, `scrubbed: IPv4 address`, `not exported: removed (map)`, `unknown option: removed`… */
  readonly reason: string
}

/**
 * The operator's answer to "why was this masked?": one decision per path of the configuration,
 * in the configuration's order — every leaf, every entry name that was scrubbed, every container
 * removed whole, and every container kept empty. Made by the same walk as `anonymize`.
 */
export function explain(schema: z.ZodType, config: Record<string, unknown>): Decision[] {
  const decisions: Decision[] = []
  anonymizeTree(walk(schema), config, decisions)
  return decisions
}
