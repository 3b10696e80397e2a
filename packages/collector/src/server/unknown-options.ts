import type { SchemaNode } from '@baqup/core'

/**
 * A report of a release newer than the newest view may set options that view does not know
 * (3.8's new ones). They are dropped before the report is checked, so that the rest of it is
 * checked, stored and counted as any other; only how many were dropped is kept, never their names
 * (a name the collector does not know is text it cannot vouch for).
 */

export interface Dropped {
  readonly configuration: Record<string, unknown>
  /** Keys removed, at any depth. */
  readonly dropped: number
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The fields of an object node by every name it may be written with (canonical first, then aliases). */
function fieldNames(node: SchemaNode): Set<string> {
  const names = new Set<string>()
  for (const [key, child] of node.children ?? []) {
    names.add(key)
    for (const alias of child.aliases ?? []) names.add(alias)
  }
  return names
}

function fieldOf(node: SchemaNode, key: string): SchemaNode | undefined {
  const own = node.children?.get(key)
  if (own) return own
  for (const child of node.children?.values() ?? []) if (child.aliases?.includes(key)) return child
  return undefined
}

/** `value` with the keys `node` does not know removed, and how many there were. */
function prune(node: SchemaNode, value: unknown, count: { dropped: number }): unknown {
  if ((node.kind === 'object' || node.kind === 'section') && isRecord(value)) {
    const names = fieldNames(node)
    const kept: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (!names.has(key)) count.dropped++
      else kept[key] = prune(fieldOf(node, key) as SchemaNode, inner, count)
    }
    return kept
  }
  if (node.kind === 'map' && isRecord(value) && node.item) {
    const item = node.item
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, prune(item, inner, count)]))
  }
  if (node.kind === 'list' && Array.isArray(value) && node.item) {
    const item = node.item
    return value.map((inner) => prune(item, inner, count))
  }
  return value
}

/** The configuration with every option the schema tree does not know removed (a new object; the input is untouched). */
export function dropUnknownOptions(root: SchemaNode, configuration: Record<string, unknown>): Dropped {
  const count = { dropped: 0 }
  const kept = prune(root, configuration, count) as Record<string, unknown>
  return { configuration: kept, dropped: count.dropped }
}
