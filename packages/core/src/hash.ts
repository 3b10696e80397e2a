import { createHmac } from 'node:crypto'

/**
 * The configuration hash: HMAC-SHA-256 over a canonical JSON of the effective configuration.
 * Keyed with the installation's own key, so that the hash sent beside the anonymized copy
 * cannot be used to guess a masked value (an IP address is only 2^32 guesses).
 */

/** Deeper than any configuration; reaching it means a cycle or hostile input. */
const MAX_DEPTH = 256

interface Copying {
  /** JavaScript orders integer-like keys (`"8080"`) first, numerically: such objects are written by hand. */
  integerKeys: boolean
}

const isIntegerLike = (key: string) => key.charCodeAt(0) <= 57 && /^(0|[1-9]\d*)$/.test(key)

/** A copy with every object's keys inserted in sorted order, `toJSON` applied, and anything unrepresentable refused. */
function sortedCopy(input: unknown, depth: number, copying: Copying): unknown {
  let value = input
  if (typeof value !== 'object' || value === null) return value
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJSON: the value is nested too deep or contains a cycle')
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON()
    if (typeof value !== 'object' || value === null) return value
  }
  if (Array.isArray(value)) return value.map((item) => sortedCopy(item, depth + 1, copying))
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJSON: cannot represent a ${value.constructor?.name ?? 'non-plain'} object`)
  }
  const record = value as Record<string, unknown>
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(record).sort()) {
    if (isIntegerLike(key)) copying.integerKeys = true
    const item = sortedCopy(record[key], depth + 1, copying)
    // Plain assignment of `__proto__` would set the prototype instead of a member.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true })
    else copy[key] = item
  }
  return copy
}

/** The slow path, for objects whose key order JavaScript would not keep. */
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

/**
 * JSON with the keys of every object sorted (by UTF-16 code unit), no whitespace, undefined
 * members dropped: one text per meaning, whatever order or source the value came from.
 * Built by the native serializer over a sorted copy, so it costs little more than `JSON.stringify`.
 */
export function canonicalJSON(value: unknown): string {
  const copying: Copying = { integerKeys: false }
  const copy = sortedCopy(value, 0, copying)
  return (copying.integerKeys ? writeSorted(copy) : JSON.stringify(copy)) ?? 'null'
}

/**
 * Hex HMAC-SHA-256 of the canonical JSON of an effective configuration (defaults applied).
 * A string key is used as its UTF-8 bytes (the state file's 64-hex-character installation key as is).
 */
export function configHash(effective: unknown, key: Uint8Array | string): string {
  if (key.length === 0) throw new TypeError('configHash: the key is empty')
  return createHmac('sha256', key).update(canonicalJSON(effective), 'utf8').digest('hex')
}
