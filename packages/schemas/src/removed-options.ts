import * as z from 'zod'
import { duration } from './duration.js'
import { type MinorRelease, type OptionHistory, optionHistory } from './history.js'
import { addMeta, historyMeta } from './history-meta.js'
import { fileOrContent, group, section, stringMap } from './kinds.js'
import { EXPORT_MARKER, withMeta } from './meta.js'
import { compareReleases, nextRelease } from './release.js'
import { exportedIn, hasRelease, releasesOf } from './release-set.js'
import { splitPath } from './tree.js'

/**
 * The options that a release before the newest had and the newest no longer has (`pilot.token`,
 * `providers.docker.swarmMode`, `tracing.jaeger`…), built from the history: their kind and export
 * flag of that time. No defaults (the history has none), no enumerations: a string they held is
 * never exported (no closed shape, the closed-sets rule).
 */

/** A node of the tree of removed options: an option of the history, or a group of them. */
export interface Removed {
  readonly history?: OptionHistory
  readonly children: Map<string, Removed>
}

/** The removed options by path segment, from the root: inserted where the newest schema has no such key. */
export const removedTree: Removed = (() => {
  const root: Removed = { children: new Map() }
  for (const history of optionHistory.values()) {
    if (history.until === null) continue
    let node = root
    const segments = splitPath(history.path)
    for (const [index, segment] of segments.entries()) {
      let child = node.children.get(segment)
      if (!child) {
        child = { children: new Map(), ...(index === segments.length - 1 ? { history } : {}) }
        node.children.set(segment, child)
      } else if (index === segments.length - 1) {
        child = { ...child, history }
        node.children.set(segment, child)
      }
      node = child
    }
  }
  return root
})()

const STRINGS = new Set(['string', 'file-or-content', 'string[]', 'map<string,string>'])

/** The export flag of a removed option in `release` (undefined: every release, its last flag). */
export function removedExported(history: OptionHistory, release: MinorRelease | undefined): boolean {
  if (STRINGS.has(history.kind)) return false
  return release ? exportedIn(history, release) : (history.ranges.at(-1)?.[2] ?? false)
}

function leaf(kind: string): z.ZodType {
  switch (kind) {
    case 'bool':
      return z.boolean()
    case 'int':
      return z.int()
    case 'float':
      return z.number()
    case 'duration':
      return duration()
    case 'string':
      return z.string()
    case 'file-or-content':
      return fileOrContent()
    case 'string[]':
      return z.array(z.string())
    case 'map<string,string>':
      return stringMap()
    default:
      throw new Error(`removed option of kind ${kind}: not supported`)
  }
}

/** `Baqup 2.0 to 2.11; removed in 3.0.`: the help text of a removed option or group. */
function lifetime(first: MinorRelease, last: MinorRelease): string {
  const span = first === last ? `Baqup ${first} only` : `Baqup ${first} to ${last}`
  return `${span}; removed in ${nextRelease(last) ?? 'a later release'}.`
}

/** Every option under a node of the tree (for a group's own export flag and help). */
function* optionsUnder(node: Removed): Generator<OptionHistory> {
  if (node.history) yield node.history
  for (const child of node.children.values()) yield* optionsUnder(child)
}

/** The schema of a removed option or group in `release` (every release when undefined), or undefined if absent then. */
export function removedSchema(node: Removed, release: MinorRelease | undefined): z.ZodType | undefined {
  const { history } = node
  if (history && release && !hasRelease(history, release)) return undefined
  const children: Record<string, z.ZodType> = {}
  for (const [key, child] of node.children) {
    const schema = removedSchema(child, release)
    if (schema) children[key] = schema
  }
  if (!history) {
    // A group: there when one of its options is; sent into when one of them is sent.
    if (Object.keys(children).length === 0) return undefined
    const options = [...optionsUnder(node)]
    const exported = options.some((option) => removedExported(option, release))
    const releases = options.flatMap((option) => [...releasesOf(option)]).sort(compareReleases)
    const [first, last] = [releases[0] ?? '2.0', releases.at(-1) ?? '2.0'] as const
    return withMeta(group(children).optional(), {
      ...(exported ? { description: EXPORT_MARKER } : {}),
      help: `Options of ${lifetime(first, last)}`,
    })
  }
  const shape = history.kind === 'section' ? section(children) : leaf(history.kind)
  const schema = withMeta(shape.optional(), { help: lifetime(history.since, history.until ?? history.since) })
  addMeta(schema, {
    ...historyMeta(history),
    ...(removedExported(history, release) ? { description: EXPORT_MARKER } : {}),
  })
  return schema
}
