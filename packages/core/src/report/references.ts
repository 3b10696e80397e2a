import type { SchemaNode, StringShape } from '../schema/walk.js'
import { type EntryNames, entryNames } from './names.js'
import { isRecord } from './values.js'

/**
 * References (`entryPoint.to: web`, `certResolver: le`) name entries of a map of the same
 * configuration. The names of every referenced map are settled before the walk, so that the
 * map and every reference to it agree, a renamed entry included.
 */

/** Prefix of placeholders for maps whose schema names none. */
export const DEFAULT_PLACEHOLDER = 'name'

export interface ReferenceNames {
  /** By the referenced map's path (`entryPoints`). */
  readonly byPath: ReadonlyMap<string, EntryNames>
  /** By the referenced map's schema node, for writing the map itself. */
  readonly byNode: ReadonlyMap<SchemaNode, EntryNames>
}

function* shapesUnder(node: SchemaNode): Generator<StringShape> {
  if (node.shape) yield node.shape
  for (const child of node.children?.values() ?? []) yield* shapesUnder(child)
  if (node.item) yield* shapesUnder(node.item)
}

function mapAt(root: SchemaNode, path: string): SchemaNode {
  let node: SchemaNode | undefined = root
  for (const key of path.split('.')) node = node?.children?.get(key)
  if (node?.kind !== 'map') throw new Error(`anonymize: a reference names "${path}", which is not a map of entries`)
  return node
}

const targetsByRoot = new WeakMap<SchemaNode, ReadonlyMap<string, SchemaNode>>()

/** The maps the schema's references point to, by path; found once per schema tree. */
function referenceTargets(root: SchemaNode): ReadonlyMap<string, SchemaNode> {
  let targets = targetsByRoot.get(root)
  if (!targets) {
    const found = new Map<string, SchemaNode>()
    for (const shape of shapesUnder(root)) if (shape.type === 'reference') found.set(shape.to, mapAt(root, shape.to))
    targetsByRoot.set(root, (targets = found))
  }
  return targets
}

function valueAt(config: unknown, path: string): unknown {
  let value = config
  for (const key of path.split('.')) value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined
  return value
}

/** An entry the walk will keep: an object, or a section switched on. */
function survives(item: SchemaNode, value: unknown): boolean {
  return isRecord(value) || (item.kind === 'section' && (value === null || value === true))
}

export function referenceNames(root: SchemaNode, config: unknown): ReferenceNames {
  const byPath = new Map<string, EntryNames>()
  const byNode = new Map<SchemaNode, EntryNames>()
  for (const [path, node] of referenceTargets(root)) {
    const entries = valueAt(config, path)
    const names = isRecord(entries)
      ? Object.keys(entries).filter((name) => survives(node.item as SchemaNode, entries[name]))
      : []
    const table = entryNames(names, node.placeholder ?? DEFAULT_PLACEHOLDER, node.names)
    byPath.set(path, table)
    byNode.set(node, table)
  }
  return { byPath, byNode }
}
