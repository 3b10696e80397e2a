import type { NodeKind } from '../schema/walk.js'
import type { Segment } from './assign.js'
import { expectedValues } from './closed-set.js'
import { ConfigError, describeFound } from './errors.js'
import { formatPath } from './keys.js'
import type { RawNode } from './raw.js'

/** Where normalization stands: the path with real names, the same path with entries as `*`, and whether values there may be shown. */
export interface Place {
  readonly path: readonly Segment[]
  readonly pattern: readonly string[]
  /** The option and all its ancestors carry the export marker: its value may appear in a message. */
  readonly exported: boolean
}

/** Returned for a value that sets nothing (a null leaf, a section switched off). */
export const OMIT: unique symbol = Symbol('omit')
export type Normalized = unknown

const EXPECTED: Record<NodeKind, string> = {
  bool: 'true or false',
  int: 'an integer',
  float: 'a number',
  string: 'a string',
  'file-or-content': 'a string',
  duration: 'a duration such as 30s, 1m30s, 100ms or a number of seconds',
  'string[]': 'a list of strings or one comma-separated string',
  'file-or-content[]': 'a list of strings or one comma-separated string',
  'float[]': 'a list of numbers or one comma-separated string',
  'map<string,string>': 'a mapping of names to strings',
  'map<string,any>': 'a mapping',
  section: 'a mapping, true or false',
  object: 'a mapping of options',
  map: 'a mapping of named entries',
  list: 'a list of mappings',
}

export function expectedFor(kind: NodeKind, values?: readonly string[]): string {
  return values ? expectedValues({ values }) : EXPECTED[kind]
}

export function describeRaw(raw: RawNode, exported: boolean): string {
  if (raw.type === 'scalar') return describeFound(raw.value, exported, raw.text)
  return raw.type === 'list' ? 'a list' : 'a mapping'
}

/** A located "wrong value" error; the found value is shown only where the option is exported. */
export function mismatch(raw: RawNode, place: Place, problem: string, expected: string): ConfigError {
  return new ConfigError({
    origin: raw.origin,
    path: formatPath(place.path),
    problem,
    expected,
    found: describeRaw(raw, place.exported),
  })
}

/**
 * A value where a mapping, section, map or list belongs: only its type is shown. A container's
 * export flag is about walking into it, not about a plain value written in its place (an
 * address where an entry point belongs).
 */
export function shapeMismatch(raw: RawNode, place: Place, problem: string, expected: string): ConfigError {
  return mismatch(raw, { ...place, exported: false }, problem, expected)
}

export function childPlace(place: Place, segment: Segment, exported: boolean, entry: boolean): Place {
  return {
    path: [...place.path, segment],
    pattern: [...place.pattern, entry ? '*' : String(segment)],
    exported: place.exported && exported,
  }
}
