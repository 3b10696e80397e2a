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

/**
 * A `JSON.stringify` replacer that gives every object with unsorted keys as a copy with sorted
 * keys (the others as they are), and refuses objects JSON cannot represent faithfully (the
 * serializer itself refuses a bigint).
 */
function sortingReplacer(sorting: Sorting) {
  return (_key: string, member: unknown): unknown => {
    if (typeof member !== 'object' || member === null || Array.isArray(member)) return member
    const proto = Object.getPrototypeOf(member)
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalJSON: cannot represent a ${member.constructor?.name ?? 'non-plain'} object`)
    }
    const keys = Object.keys(member)
    // Integer-like keys come first in `keys` when there are any: the first one tells.
    if (keys.length > 0 && isIntegerLike(keys[0] as string)) sorting.integerKeys = true
    if (isSorted(keys)) return member
    const record = member as Record<string, unknown>
    const copy: Record<string, unknown> = {}
    for (const key of keys.sort()) {
      // Plain assignment of `__proto__` would set the prototype instead of a member.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: record[key], enumerable: true })
      else copy[key] = record[key]
    }
    return copy
  }
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
  try {
    return JSON.stringify(value, sortingReplacer(sorting))
  } catch (error) {
    // The engine's own words for a cycle vary; the fact is what matters to the caller.
    if (error instanceof TypeError && /circular/i.test(error.message)) {
      throw new TypeError('canonicalJSON: the value contains a cycle')
    }
    throw error
  }
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

/**
 * Hex HMAC-SHA-256 of the canonical JSON of an effective configuration (defaults applied).
 * A string key is used as its UTF-8 bytes (the state file's 64-hex-character installation key as is).
 */
export function configHash(effective: unknown, key: Uint8Array | string): string {
  if (key.length === 0) throw new TypeError('configHash: the key is empty')
  return hmacOfText(key, canonicalJSON(effective))
}
