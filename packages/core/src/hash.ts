import { createHmac } from 'node:crypto'

/**
 * The configuration hash: HMAC-SHA-256 over a canonical JSON of the effective configuration.
 * Keyed with the installation's own key, so that the hash sent beside the anonymized copy
 * cannot be used to guess a masked value (an IP address is only 2^32 guesses).
 */

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function appendCanonical(value: unknown, parts: string[], ancestors: Set<object>): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON()
  }
  if (value === null || typeof value !== 'object') {
    // Strings, finite numbers, booleans and null as JSON writes them; NaN and Infinity become null.
    parts.push(JSON.stringify(value) ?? 'null')
    return
  }
  if (ancestors.has(value)) throw new TypeError('canonicalJSON: the value contains a cycle')
  ancestors.add(value)
  if (Array.isArray(value)) {
    parts.push('[')
    value.forEach((item, index) => {
      if (index > 0) parts.push(',')
      appendCanonical(item === undefined || typeof item === 'function' ? null : item, parts, ancestors)
    })
    parts.push(']')
  } else if (value instanceof Map || value instanceof Set || !isPlainObject(value)) {
    throw new TypeError(`canonicalJSON: cannot represent a ${value.constructor?.name ?? 'non-plain'} object`)
  } else {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
      .sort()
    parts.push('{')
    keys.forEach((key, index) => {
      parts.push(index > 0 ? ',' : '', JSON.stringify(key), ':')
      appendCanonical(record[key], parts, ancestors)
    })
    parts.push('}')
  }
  ancestors.delete(value)
}

/**
 * JSON with the keys of every object sorted (by UTF-16 code unit), no whitespace, undefined
 * members dropped: one text per meaning, whatever order or source the value came from.
 */
export function canonicalJSON(value: unknown): string {
  const parts: string[] = []
  appendCanonical(value, parts, new Set())
  return parts.join('')
}

/**
 * Hex HMAC-SHA-256 of the canonical JSON of an effective configuration (defaults applied).
 * A string key is used as its UTF-8 bytes (the state file's 64-hex-character installation key as is).
 */
export function configHash(effective: unknown, key: Uint8Array | string): string {
  if (key.length === 0) throw new TypeError('configHash: the key is empty')
  return createHmac('sha256', key).update(canonicalJSON(effective), 'utf8').digest('hex')
}
