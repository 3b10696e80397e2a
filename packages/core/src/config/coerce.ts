import type * as z from 'zod'
import type { SchemaNode } from '../schema/walk.js'
import { enumeratedValue } from './enumeration.js'
import { childPlace, expectedFor, mismatch, type Normalized, OMIT, type Place } from './place.js'
import { type RawNode, type RawScalar, rawScalar, scalarText } from './raw.js'

/** The forms Go's strconv.ParseBool accepts, which Baqup's loader uses for every source. */
const GO_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['1', 't', 'T', 'true', 'TRUE', 'True'].map((text) => [text, true] as const),
  ...['0', 'f', 'F', 'false', 'FALSE', 'False'].map((text) => [text, false] as const),
])
const INTEGER = /^[+-]?\d+$/
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

export function parseGoBool(scalar: RawScalar): boolean | undefined {
  if (typeof scalar.value === 'boolean') return scalar.value
  const text = scalarText(scalar)
  return text === undefined ? undefined : GO_BOOLEANS.get(text)
}

function toBool(scalar: RawScalar, node: SchemaNode, place: Place): boolean {
  const value = parseGoBool(scalar)
  if (value === undefined) throw mismatch(scalar, place, 'not a boolean', expectedFor(node.kind))
  return value
}

function toInt(scalar: RawScalar, node: SchemaNode, place: Place): number {
  const { value } = scalar
  const text = scalarText(scalar) ?? ''
  const number =
    typeof value === 'number' ? value : typeof value === 'bigint' || INTEGER.test(text) ? Number(text) : Number.NaN
  if (Number.isSafeInteger(number)) return number
  const beyond = Number.isInteger(number) || typeof value === 'bigint'
  const problem = beyond ? 'beyond the exact integer range of ±(2^53 − 1)' : 'not an integer'
  throw mismatch(scalar, place, problem, expectedFor(node.kind))
}

function toFloat(scalar: RawScalar, node: SchemaNode, place: Place): number {
  const { value } = scalar
  // A TOML integer past 2^53 arrives as a bigint: Number() would round it without a word.
  if (typeof value === 'bigint')
    throw mismatch(scalar, place, 'beyond the exact integer range of ±(2^53 − 1)', 'a number')
  const text = scalarText(scalar) ?? ''
  const number =
    typeof value === 'number' || typeof value === 'bigint'
      ? Number(value)
      : FLOAT.test(text)
        ? Number(text)
        : Number.NaN
  if (Number.isFinite(number)) return number
  throw mismatch(scalar, place, 'not a number', 'a number')
}

/**
 * A string option takes the text as written: an unquoted `1.10` stays "1.10", `007` stays "007".
 * An enumeration takes it in the spelling the schema lists.
 */
function toString(scalar: RawScalar, node: SchemaNode, place: Place): string {
  const text = scalarText(scalar)
  if (text === undefined) throw mismatch(scalar, place, 'not a string', expectedFor(node.kind, node.values))
  return node.values ? enumeratedValue(text, node, scalar, place) : text
}

/** Durations are the schema's to read (Go strings or seconds); a number stays a number (seconds). */
function toDurationInput(scalar: RawScalar, node: SchemaNode, place: Place): string | number {
  const { value } = scalar
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'bigint') return Number(value)
  throw mismatch(scalar, place, 'not a duration', expectedFor(node.kind))
}

const SCALAR_READERS: Partial<
  Record<SchemaNode['kind'], (scalar: RawScalar, node: SchemaNode, place: Place) => unknown>
> = {
  bool: toBool,
  int: toInt,
  float: toFloat,
  string: toString,
  'file-or-content': toString,
  duration: toDurationInput,
}

/** `a, b,c` → `["a", "b", "c"]`, as a flag value is read; an empty text is an empty list. */
function splitList(scalar: RawScalar): RawScalar[] {
  const text = scalarText(scalar) ?? ''
  if (text.trim() === '') return []
  return text.split(',').map((part) => rawScalar(part.trim(), scalar.origin))
}

function toList(raw: RawNode, node: SchemaNode, place: Place): unknown[] {
  const read = node.kind === 'float[]' ? toFloat : toString
  const items = raw.type === 'list' ? raw.items : raw.type === 'scalar' ? splitList(raw) : undefined
  if (!items) throw mismatch(raw, place, 'not a list', expectedFor(node.kind))
  return items.map((item, index) => {
    const itemPlace = childPlace(place, index, true, true)
    if (item.type !== 'scalar' || item.value === null) {
      throw mismatch(
        item,
        itemPlace,
        'not a list item',
        node.kind === 'float[]' ? 'a number' : expectedFor('string', node.values),
      )
    }
    return read(item, node, itemPlace)
  })
}

/**
 * What the option expects: the words a schema's own check gives as `params.expected` (never its
 * message, which may quote the value), else its kind's.
 */
function expectedOf(issue: z.core.$ZodIssue | undefined, node: SchemaNode): string {
  const stated = issue?.code === 'custom' ? issue.params?.expected : undefined
  return typeof stated === 'string' ? stated : expectedFor(node.kind, node.values)
}

/**
 * A scalar or scalar-list option, coerced by its kind (never guessed from the value), then
 * checked by its own schema (enumerations, integer bounds, the duration grammar) so that a
 * mistake is reported at the value's own location. Null (`level:`) sets nothing.
 */
export function coerceLeaf(raw: RawNode, node: SchemaNode, place: Place): Normalized {
  if (raw.type === 'scalar' && raw.value === null) return OMIT
  const reader = SCALAR_READERS[node.kind]
  let value: unknown
  if (reader) {
    if (raw.type !== 'scalar')
      throw mismatch(raw, place, `not a ${node.kind === 'bool' ? 'boolean' : 'single value'}`, expectedFor(node.kind))
    value = reader(raw, node, place)
  } else {
    value = toList(raw, node, place)
  }
  const checked = node.schema.safeParse(value)
  if (!checked.success) throw mismatch(raw, place, 'invalid value', expectedOf(checked.error.issues[0], node))
  return checked.data
}
