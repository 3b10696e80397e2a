import type * as z from 'zod'
import type { NodeKind, SchemaNode } from '../schema/walk.js'
import type { Decision, DecisionKind } from './decision.js'
import type { ReferenceNames } from './references.js'
import { checkString } from './shapes.js'
import { MASKED } from './tokens.js'
import { OMIT } from './values.js'

/**
 * The leaves of the anonymization walk: what happens to one value, kept (exported) or reset
 * (not exported), and the bookkeeping that `explain` reads.
 */

export { MASKED } from './tokens.js'

/** A value of the output, or {@link OMIT} when it is left out. */
export type Out = unknown

/** The decisions are collected only when explaining; anonymizing alone builds no path strings. */
export interface Walk {
  readonly decisions?: Decision[]
  /** Durations already read in this walk, by schema and value: a large configuration repeats a few. */
  readonly durations: Map<z.ZodType, Map<unknown, string | undefined>>
  /** The names of the maps references point to, settled before the walk. */
  readonly references: ReferenceNames
}

/** The duration in the schema's canonical form, or undefined when the schema cannot read it. */
function canonicalDuration(node: SchemaNode, value: unknown, walk: Walk): string | undefined {
  let known = walk.durations.get(node.schema)
  if (!known) walk.durations.set(node.schema, (known = new Map()))
  if (known.has(value)) return known.get(value)
  const parsed = node.schema.safeParse(value)
  const canonical = parsed.success && typeof parsed.data === 'string' ? parsed.data : undefined
  known.set(value, canonical)
  return canonical
}

export function note(walk: Walk, path: string, decision: DecisionKind, reason: string): void {
  walk.decisions?.push({ path, decision, reason })
}

export function removed(walk: Walk, path: string, reason: string): typeof OMIT {
  note(walk, path, 'removed', reason)
  return OMIT
}

const PLAIN_KEY = /^[\w-]+$/

/** `parent.key`, or `parent["key.with.dots"]` when the key would be ambiguous. */
export function fieldPath(walk: Walk, parent: string, key: string): string {
  if (!walk.decisions) return ''
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`
  return parent === '' ? key : `${parent}.${key}`
}

export const itemPath = (walk: Walk, parent: string, index: number) => (walk.decisions ? `${parent}[${index}]` : '')

/** A string that survives: as written when it fits its closed shape, replaced otherwise. */
export function keepString(node: SchemaNode, value: string, walk: Walk, path: string): string {
  const outcome = checkString(node, value, walk.references)
  note(walk, path, outcome.decision, outcome.reason)
  return outcome.value
}

export function keepStrings(node: SchemaNode, value: unknown[], walk: Walk, path: string): Out {
  if (value.length === 0) note(walk, path, 'kept', 'exported')
  const out: string[] = []
  for (let index = 0; index < value.length; index++) {
    const item = value[index]
    const at = itemPath(walk, path, index)
    if (typeof item === 'string') out.push(keepString(node, item, walk, at))
    else removed(walk, at, 'unexpected value')
  }
  return out
}

/** A list of numbers is kept whole, or not at all: one value the schema cannot read drops it. */
export function keepNumbers(value: unknown[], walk: Walk, path: string): Out {
  if (!value.every(Number.isFinite)) return removed(walk, path, 'unexpected value')
  note(walk, path, 'kept', 'exported')
  return value
}

/** A boolean or a number (`int` must be whole). */
export function keepScalar(kind: NodeKind, value: unknown, walk: Walk, path: string): Out {
  const valid =
    kind === 'bool' ? typeof value === 'boolean' : Number.isFinite(value) && (kind !== 'int' || Number.isInteger(value))
  if (!valid) return removed(walk, path, 'unexpected value')
  note(walk, path, 'kept', 'exported')
  return value
}

/** Durations come out in the schema's canonical form; a value the schema cannot read is not kept. */
export function keepDuration(node: SchemaNode, value: unknown, walk: Walk, path: string): Out {
  const canonical = canonicalDuration(node, value, walk)
  if (canonical === undefined) return removed(walk, path, 'unexpected value')
  note(walk, path, 'kept', 'exported')
  return canonical
}

/** How a removed kind is named in a reason. */
function kindLabel(kind: NodeKind): string {
  if (kind.startsWith('map')) return 'map'
  if (kind === 'list' || kind === 'float[]') return 'list'
  if (kind === 'int' || kind === 'float') return 'number'
  return kind
}

/** A field that is not exported: Go's redactor resets it to `xxxx` (strings) or its zero value (omitted). */
export function reset(node: SchemaNode, value: unknown, walk: Walk, path: string): Out {
  const strings = node.kind === 'string' || node.kind === 'file-or-content'
  if (strings && typeof value === 'string' && value !== '') {
    note(walk, path, 'masked', 'not exported')
    return MASKED
  }
  const lists = node.kind === 'string[]' || node.kind === 'file-or-content[]'
  if (lists && Array.isArray(value) && value.length > 0) {
    note(walk, path, 'masked', 'not exported')
    return value.map(() => MASKED)
  }
  const empty = value === '' || (Array.isArray(value) && value.length === 0)
  return removed(walk, path, `not exported: removed (${empty ? 'empty' : kindLabel(node.kind)})`)
}
