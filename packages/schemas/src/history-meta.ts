import * as z from 'zod'
import { type OptionHistory, optionHistory } from './history.js'
import type { OptionMeta } from './meta.js'
import { childrenOf, coreOf, joinPath } from './tree.js'

/** An option's history as its metadata says it: `since`, `until` when removed, and its export flag per range. */
export function historyMeta(history: OptionHistory): Pick<OptionMeta, 'since' | 'until' | 'ranges'> {
  const ranges = history.ranges.map(([since, until, exported]) => [since, until, exported] as const)
  return history.until === null
    ? { since: history.since, ranges }
    : { since: history.since, until: history.until, ranges }
}

/** Adds `entries` to the metadata the schema itself carries (the instance an option's parent holds). */
export function addMeta(schema: z.ZodType, entries: z.GlobalMeta): void {
  z.globalRegistry.add(schema, { ...schema.meta(), ...entries })
}

/**
 * Gives every option of the tree its history as its own metadata, in place: the instance its
 * parent holds (each is the option's own: `exported`/`masked` make one per option). Returns the
 * schema, for `export const staticConfigSchema = withHistory(group({…}))`.
 */
export function withHistory<T extends z.ZodType>(root: T): T {
  const visit = (schema: z.ZodType, segments: string[]) => {
    const history = segments.length > 0 ? optionHistory.get(joinPath(segments)) : undefined
    if (history) addMeta(schema, historyMeta(history))
    for (const [key, child] of childrenOf(coreOf(schema))) visit(child, [...segments, key])
  }
  visit(root, [])
  return root
}
