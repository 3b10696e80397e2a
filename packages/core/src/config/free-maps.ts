import type { SchemaNode } from '../schema/walk.js'
import { conflict, sameValue } from './duplicates.js'
import { enumeratedValue } from './enumeration.js'
import type { Origin } from './errors.js'
import { formatPath, refuseForbiddenKey, setOwn } from './keys.js'
import { childPlace, expectedFor, mismatch, type Normalized, OMIT, type Place, shapeMismatch } from './place.js'
import { type RawMap, type RawNode, scalarText } from './raw.js'

/** Adds one entry of a free-form map, merging an equal repeat and refusing a different one. */
function put(
  target: Record<string, unknown>,
  origins: Map<string, Origin>,
  key: string,
  value: unknown,
  origin: Origin,
  place: Place,
) {
  const first = origins.get(key)
  if (first) {
    if (!sameValue(target[key], value)) throw conflict(childPlace(place, key, true, true), origin, first)
    return
  }
  origins.set(key, origin)
  setOwn(target, key, value)
}

function mappingOf(raw: RawNode, node: SchemaNode, place: Place): RawMap {
  if (raw.type !== 'map') throw shapeMismatch(raw, place, 'not a mapping', expectedFor(node.kind))
  return raw
}

/**
 * `map<string,string>` (headers, labels, attributes): names keep their case, values are read as
 * text, or as one of the closed set the map's values take (`accessLog.fields.names`).
 */
export function stringMap(raw: RawNode, node: SchemaNode, place: Place): Normalized {
  if (raw.type === 'scalar' && raw.value === null) return OMIT
  const result: Record<string, unknown> = {}
  const origins = new Map<string, Origin>()
  for (const entry of mappingOf(raw, node, place).entries) {
    refuseForbiddenKey(entry.key, entry.origin, formatPath([...place.path, entry.key]))
    const value = entry.value
    const valuePlace = childPlace(place, entry.key, true, true)
    const text = value.type === 'scalar' && value.value !== null ? scalarText(value) : undefined
    if (text === undefined) throw mismatch(value, valuePlace, 'not a string', expectedFor('string', node.values))
    const read = node.values && value.type === 'scalar' ? enumeratedValue(text, node, value, valuePlace) : text
    put(result, origins, entry.key, read, entry.origin, place)
  }
  return result
}

/** Plain data as the source typed it (plugin settings): nothing is coerced, forbidden keys are still refused. */
function plain(raw: RawNode, place: Place): unknown {
  if (raw.type === 'scalar') {
    const { value } = raw
    if (value instanceof Date) return value.toISOString()
    return typeof value === 'bigint' ? String(value) : value
  }
  if (raw.type === 'list') return raw.items.map((item, index) => plain(item, childPlace(place, index, true, true)))
  const result: Record<string, unknown> = {}
  const origins = new Map<string, Origin>()
  for (const entry of raw.entries) {
    refuseForbiddenKey(entry.key, entry.origin, formatPath([...place.path, entry.key]))
    put(result, origins, entry.key, plain(entry.value, childPlace(place, entry.key, true, true)), entry.origin, place)
  }
  return result
}

/** `map<string,any>`: kept as given. */
export function anyMap(raw: RawNode, node: SchemaNode, place: Place): Normalized {
  if (raw.type === 'scalar' && raw.value === null) return OMIT
  return plain(mappingOf(raw, node, place), place)
}
