import type { SchemaNode } from '../schema/walk.js'
import type { Segment } from './assign.js'
import { ConfigError, type Origin } from './errors.js'

/** Keys that could reach an object's prototype: refused in every source, at every level, in any case. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

export function refuseForbiddenKey(key: string, origin: Origin, path: string): void {
  if (FORBIDDEN_KEYS.has(key.toLowerCase())) {
    throw new ConfigError({ origin, path, problem: `the key "${key}" is refused: it could reach an object prototype` })
  }
}

/** `entryPoints.web.http.tls.domains[0].main` */
export function formatPath(segments: readonly Segment[]): string {
  let text = ''
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text ? `.${segment}` : segment
  }
  return text
}

/** A path as a map key (`["entryPoints","web","address"]`): where values were written, where TOML keys sit. */
export const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String))

const lowerNames = new WeakMap<SchemaNode, Map<string, string>>()

/** The canonical name of a field written in any case (`entrypoints` → `entryPoints`) or under an alias. */
export function canonicalChild(node: SchemaNode, key: string): string | undefined {
  const children = node.children
  if (!children) return undefined
  if (children.has(key)) return key
  let lower = lowerNames.get(node)
  if (!lower) {
    lower = new Map()
    for (const name of children.keys()) if (!lower.has(name.toLowerCase())) lower.set(name.toLowerCase(), name)
    for (const [name, child] of children) {
      for (const alias of child.aliases ?? []) if (!lower.has(alias.toLowerCase())) lower.set(alias.toLowerCase(), name)
    }
    lowerNames.set(node, lower)
  }
  return lower.get(key.toLowerCase())
}

/** Sets an own property without ever touching a prototype, whatever the key. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment is faster; only `__proto__` would reach the prototype through it.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
