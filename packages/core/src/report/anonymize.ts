import type * as z from 'zod'
import { setOwn } from '../config/keys.js'
import type { SchemaNode } from '../schema/walk.js'
import { walk } from '../schema/walk.js'
import {
  fieldPath,
  itemPath,
  keepDuration,
  keepNumbers,
  keepScalar,
  keepString,
  keepStrings,
  note,
  type Out,
  removed,
  reset,
  type Walk,
} from './anonymize-leaves.js'
import type { Decision } from './decision.js'
import { entryNames } from './names.js'
import { DEFAULT_PLACEHOLDER, referenceNames } from './references.js'
import { SCRUBBED } from './tokens.js'
import { isRecord, OMIT } from './values.js'

/**
 * Anonymization: a walk of the configuration along the schema tree with Traefik's redactor
 * semantics. An exported field is kept (objects, maps and lists walked into); any other field is
 * reset: a non-empty string becomes `xxxx`, a string list the same number of `xxxx`, everything
 * else disappears. A string is kept only as a member of its closed shape (`shapes.ts`), and an
 * entry name only from the map's dictionary, else as a numbered placeholder (`names.ts`).
 * Nothing the schema does not know is kept, and no default is added.
 * One pass over the input: the cost grows linearly with the configuration.
 */

export { MASKED } from './anonymize-leaves.js'

function keepFields(
  node: SchemaNode,
  value: Record<string, unknown>,
  walk: Walk,
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  let empty = true
  for (const key of Object.keys(value)) {
    const fieldValue = value[key]
    if (fieldValue === undefined) continue
    empty = false
    const at = fieldPath(walk, path, key)
    const child = node.children?.get(key)
    const kept = !child
      ? removed(walk, at, 'unknown option: removed')
      : child.export
        ? keep(child, fieldValue, walk, at)
        : reset(child, fieldValue, walk, at)
    if (kept !== OMIT) setOwn(out, key, kept)
  }
  if (empty && path !== '') note(walk, path, 'kept', 'exported')
  return out
}

/**
 * Named entries: values walked with the entry schema, names sent from the map's dictionary or as
 * numbered placeholders (the same ones references to them use).
 */
function keepEntries(
  node: SchemaNode,
  value: Record<string, unknown>,
  walk: Walk,
  path: string,
  keepValue: (entry: unknown, at: string) => Out,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const present = Object.keys(value).filter((name) => value[name] !== undefined)
  const names =
    walk.references.byNode.get(node) ?? entryNames(present, node.placeholder ?? DEFAULT_PLACEHOLDER, node.names)
  for (const name of present) {
    const at = fieldPath(walk, path, name)
    // An entry left out of a referenced map's names is one the walk removes: its name is never written.
    const sent = names.sent.get(name) ?? SCRUBBED
    const problem = names.problems.get(name)
    if (problem) note(walk, at, 'scrubbed', `scrubbed: entry name ${problem}, sent as ${sent}`)
    const kept = keepValue(value[name], at)
    if (kept !== OMIT) setOwn(out, sent, kept)
  }
  if (present.length === 0) note(walk, path, 'kept', 'exported')
  return out
}

/** A section written as `null` or `true` is switched on, as `false` switched off (the loader's normal form is `{}`). */
function sectionValue(node: SchemaNode, value: unknown): unknown {
  if (node.kind !== 'section') return value
  if (value === null || value === true) return {}
  return value === false ? undefined : value
}

/** An exported field: its value as is, containers walked into. */
function keep(node: SchemaNode, raw: unknown, walk: Walk, path: string): Out {
  const value = sectionValue(node, raw)
  if (value === undefined || value === null) return removed(walk, path, raw === false ? 'switched off' : 'no value')
  switch (node.kind) {
    case 'object':
    case 'section':
      return isRecord(value) ? keepFields(node, value, walk, path) : removed(walk, path, 'unexpected value')
    case 'map': {
      const item = node.item as SchemaNode
      if (!isRecord(value)) return removed(walk, path, 'unexpected value')
      return keepEntries(node, value, walk, path, (entry, at) => keep(item, entry, walk, at))
    }
    case 'map<string,string>':
      if (!isRecord(value)) return removed(walk, path, 'unexpected value')
      return keepEntries(node, value, walk, path, (entry, at) =>
        typeof entry === 'string' ? keepString(node, entry, walk, at) : removed(walk, at, 'unexpected value'),
      )
    case 'map<string,any>':
      return removed(walk, path, 'free-form content: never sent')
    case 'list':
      return Array.isArray(value)
        ? keepItems(node.item as SchemaNode, value, walk, path)
        : removed(walk, path, 'unexpected value')
    case 'string':
    case 'file-or-content':
      return typeof value === 'string' ? keepString(node, value, walk, path) : removed(walk, path, 'unexpected value')
    case 'string[]':
    case 'file-or-content[]':
      return Array.isArray(value) ? keepStrings(node, value, walk, path) : removed(walk, path, 'unexpected value')
    case 'float[]':
      return Array.isArray(value) ? keepNumbers(value, walk, path) : removed(walk, path, 'unexpected value')
    case 'duration':
      return keepDuration(node, value, walk, path)
    default:
      return keepScalar(node.kind, value, walk, path)
  }
}

function keepItems(item: SchemaNode, value: unknown[], walk: Walk, path: string): unknown[] {
  if (value.length === 0) note(walk, path, 'kept', 'exported')
  const out: unknown[] = []
  for (let index = 0; index < value.length; index++) {
    const kept = keep(item, value[index], walk, itemPath(walk, path, index))
    if (kept !== OMIT) out.push(kept)
  }
  return out
}

/** Runs the walk over a configuration; decisions are collected when an array is given. */
export function anonymizeTree(root: SchemaNode, config: unknown, decisions?: Decision[]): Record<string, unknown> {
  if (!isRecord(config)) return {}
  const walk: Walk = { durations: new Map(), references: referenceNames(root, config), ...(decisions && { decisions }) }
  return keepFields(root, config, walk, '')
}

/**
 * The anonymized copy of a configuration (as written, normalized by the loader): what the usage
 * report sends. Pure: the input is not modified.
 */
export function anonymize(schema: z.ZodType, config: Record<string, unknown>): Record<string, unknown> {
  return anonymizeTree(walk(schema), config)
}
