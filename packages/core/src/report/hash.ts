import { createHmac } from 'node:crypto'

/**
 * The configuration hash: HMAC-SHA-256 over a canonical JSON of the effective configuration.
 * Keyed with the installation's own key, so that the hash sent beside the anonymized copy
 * cannot be used to guess a masked value (an IP address is only 2^32 guesses).
 */

/** Array indices: JavaScript puts such keys first, in numeric order, whatever the insertion order. */
const isIntegerLike = (key: string) => key.charCodeAt(0) <= 57 && /^(0|[1-9]\d*)$/.test(key)

function isSorted(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index++)
    if ((keys[index - 1] as string) > (keys[index] as string)) return false
  return true
}

interface Sorting {
  /** Set when an object has integer-like keys, whose order no object can hold: then written by hand. */
  integerKeys: boolean
}

function refuseNonPlain(member: object): void {
  const proto = Object.getPrototypeOf(member)
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJSON: cannot represent a ${member.constructor?.name ?? 'non-plain'} object`)
  }
}

/** An object of the given members, written in the sorted order of their keys. */
function sortedCopy(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const order = keys.map((_, index) => index).sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1))
  const copy: Record<string, unknown> = {}
  for (const index of order) {
    const key = keys[index] as string
    // Plain assignment of `__proto__` would set the prototype instead of a member.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: values[index], enumerable: true })
    else copy[key] = values[index]
  }
  return copy
}

/**
 * The value as the native serializer should see it: every object with unsorted keys replaced by
 * a sorted copy, the others (and arrays holding none) kept as they are, `toJSON` applied first as
 * the serializer would. One walk, no callback per member: a replacer function given to
 * `JSON.stringify` is called for every member and made a large configuration ten times slower.
 */
function withSortedKeys(value: unknown, key: string, ancestors: Set<object>, sorting: Sorting): unknown {
  if (typeof value !== 'object' || value === null) return value
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') return withSortedKeys(toJSON.call(value, key), key, ancestors, sorting)
  if (ancestors.has(value)) throw new TypeError('canonicalJSON: the value contains a cycle')
  ancestors.add(value)
  const isArray = Array.isArray(value)
  if (!isArray) refuseNonPlain(value)
  const record = value as Record<string, unknown>
  const keys = isArray ? undefined : Object.keys(record)
  const length = isArray ? value.length : (keys as string[]).length
  // Integer-like keys come first in `keys` when there are any: the first one tells.
  if (keys && keys.length > 0 && isIntegerLike(keys[0] as string)) sorting.integerKeys = true
  let values: unknown[] | undefined
  for (let index = 0; index < length; index++) {
    const name = keys ? (keys[index] as string) : String(index)
    const member = record[name]
    const written = withSortedKeys(member, name, ancestors, sorting)
    if (written !== member && !values) values = keys ? keys.map((k) => record[k]) : [...(value as unknown[])]
    if (values) values[index] = written
  }
  ancestors.delete(value)
  if (!keys) return values ?? value
  if (isSorted(keys)) return values ? sortedCopy(keys, values) : value
  return sortedCopy(keys, values ?? keys.map((k) => record[k]))
}

/** The slow path, for plain data with objects whose key order JavaScript would not keep. */
function writeSorted(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((item) => writeSorted(item) ?? 'null').join(',')}]`
  const record = value as Record<string, unknown>
  const members: string[] = []
  for (const key of Object.keys(record).sort()) {
    const text = writeSorted(record[key])
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`)
  }
  return `{${members.join(',')}}`
}

function stringify(value: unknown, sorting: Sorting): string | undefined {
  return JSON.stringify(withSortedKeys(value, '', new Set(), sorting))
}

/**
 * JSON with the keys of every object sorted (by UTF-16 code unit), no whitespace, undefined
 * members dropped: one text per meaning, whatever order or source the value came from.
 * Written by the native serializer, which is handed sorted copies of unsorted objects only.
 */
export function canonicalJSON(value: unknown): string {
  const sorting: Sorting = { integerKeys: false }
  const text = stringify(value, sorting)
  if (!sorting.integerKeys || text === undefined) return text ?? 'null'
  return writeSorted(JSON.parse(text)) ?? 'null'
}

/** Slices of the canonical JSON fed to the HMAC: converted to UTF-8 one at a time, they stay in cache. */
export const HASH_SLICE_LENGTH = 1 << 16

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** The HMAC of the text's UTF-8 bytes, fed slice by slice, never splitting a surrogate pair. */
function hmacOfText(key: Uint8Array | string, text: string): string {
  const hmac = createHmac('sha256', key)
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + HASH_SLICE_LENGTH, text.length)
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--
    hmac.update(text.slice(start, end), 'utf8')
    start = end
  }
  return hmac.digest('hex')
}

/** Objects and arrays with more members than this are written member by member. */
const STREAMED_MEMBERS = 32

const dropped = (member: unknown) => member === undefined || typeof member === 'function' || typeof member === 'symbol'

/**
 * Writes the JSON of a value that {@link withSortedKeys} returned, in pieces: a large map (ten
 * thousand entry points, each with its defaults) is never held as one text of tens of megabytes.
 */
function writeInPieces(value: unknown, write: (text: string) => void): void {
  const members = typeof value === 'object' && value !== null ? Object.keys(value) : []
  if (members.length <= STREAMED_MEMBERS) {
    write(JSON.stringify(value) ?? 'null')
    return
  }
  const record = value as Record<string, unknown>
  const isArray = Array.isArray(value)
  write(isArray ? '[' : '{')
  let first = true
  for (const name of members) {
    const member = record[name]
    if (!isArray && dropped(member)) continue
    if (!first) write(',')
    first = false
    if (!isArray) write(`${JSON.stringify(name)}:`)
    if (dropped(member)) write('null')
    else writeInPieces(member, write)
  }
  write(isArray ? ']' : '}')
}

/**
 * Hex HMAC-SHA-256 of the canonical JSON of an effective configuration (defaults applied).
 * A string key is used as its UTF-8 bytes (the state file's 64-hex-character installation key as is).
 */
export function configHash(effective: unknown, key: Uint8Array | string): string {
  if (key.length === 0) throw new TypeError('configHash: the key is empty')
  const sorting: Sorting = { integerKeys: false }
  const sorted = withSortedKeys(effective, '', new Set(), sorting)
  if (sorting.integerKeys) return hmacOfText(key, canonicalJSON(effective))
  const hmac = createHmac('sha256', key)
  writeInPieces(sorted, (text) => hmac.update(text, 'utf8'))
  return hmac.digest('hex')
}
