import * as z from 'zod'
import { historyReleases, type MinorRelease, type OptionHistory, optionHistory } from './history.js'
import { EXPORT_MARKER, withMeta } from './meta.js'
import { exportedIn, hasRelease } from './release-set.js'
import { type Removed, removedSchema } from './removed-options.js'
import { childrenOf, coreOf, ENTRY, ITEM, innerOf, joinPath } from './tree.js'

/**
 * A release's view of the schema: the newest schema with the removed options put back, then only
 * the options that release has, each with its export flag then. `release` undefined: every option
 * of every release (the all-releases schema), with the newest export flags.
 */

interface At {
  readonly segments: readonly string[]
  /** The option is sent in the newest schema when everything above it is (Traefik's rule, the walk's). */
  readonly parentExported: boolean
  readonly removed: Removed | undefined
  readonly release: MinorRelease | undefined
}

type Meta = Record<string, unknown>

/** The export marker as the walk reads it: the outermost layer that says anything about it. */
function markerOf(schema: z.ZodType): boolean {
  for (let layer: z.ZodType | undefined = schema; layer; layer = innerOf(layer)) {
    const meta = layer.meta() as Meta | undefined
    if (meta && 'description' in meta) return meta.description === EXPORT_MARKER
  }
  return false
}

function kindOf(schema: z.ZodType): unknown {
  for (let layer: z.ZodType | undefined = schema; layer; layer = innerOf(layer)) {
    const meta = layer.meta() as Meta | undefined
    if (meta && 'kind' in meta) return meta.kind
  }
  return undefined
}

/** The same wrappers (optional, default, prefault, a section's preprocess…) and metadata around a new shape. */
function rewrap(schema: z.ZodType, core: z.ZodType): z.ZodType {
  const inner = innerOf(schema)
  if (!inner) return core
  const wrapped = rewrap(inner, core)
  const def = schema.def as unknown as { type: string; defaultValue?: unknown; in?: z.ZodType }
  let layer: z.ZodType
  switch (def.type) {
    case 'optional':
      layer = wrapped.optional()
      break
    case 'nullable':
      layer = wrapped.nullable()
      break
    case 'readonly':
      layer = wrapped.readonly()
      break
    case 'default':
      layer = wrapped.default(def.defaultValue as never)
      break
    case 'prefault':
      layer = wrapped.prefault(def.defaultValue as never)
      break
    default:
      layer = z.pipe(def.in as z.ZodType, wrapped as never)
  }
  const meta = schema.meta()
  return meta ? withMeta(layer, meta) : layer
}

/** A new core with new children: an object's fields in sorted order, a map's value, a list's item. */
function withChildren(core: z.ZodType, children: Record<string, z.ZodType>): z.ZodType {
  const def = core.def as unknown as { type: string; keyType?: z.ZodType }
  let rebuilt: z.ZodType
  if (def.type === 'record') rebuilt = z.record(def.keyType as z.ZodString, children[ENTRY] as z.ZodType)
  else if (def.type === 'array') rebuilt = z.array(children[ITEM] as z.ZodType)
  else {
    const keys = Object.keys(children).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    rebuilt = z.strictObject(Object.fromEntries(keys.map((key) => [key, children[key] as z.ZodType])))
  }
  const meta = core.meta()
  return meta ? withMeta(rebuilt, meta) : rebuilt
}

/** Whether a projected child lets something through: its own marker, or a map's or list's item that does. */
function sends(schema: z.ZodType): boolean {
  if (markerOf(schema)) return true
  return childrenOf(coreOf(schema)).some(([key, item]) => (key === ENTRY || key === ITEM) && sends(item))
}

/** An option's export flag in the release: Traefik's then, under Baqup's own departures of the newest schema. */
function exportIn(path: string, newest: boolean, release: MinorRelease): boolean {
  const history = optionHistory.get(path)
  if (!history) return newest
  const traefikNewest = history.ranges.at(-1)?.[2] ?? false
  // Stricter than Traefik (free-form strings) or laxer (the address allow-list): the same in every release.
  if (newest !== traefikNewest) return newest
  return exportedIn(history, release)
}

/** The kind an option had in a release, where the history says it differed from the newest (`string` before `file-or-content`). */
function rangeKindOf(history: OptionHistory, release: MinorRelease): string | undefined {
  const order = (r: MinorRelease | null) => (r === null ? Number.POSITIVE_INFINITY : historyReleases.indexOf(r))
  const at = order(release)
  return history.ranges.find(([since, until]) => order(since) <= at && at <= order(until))?.[3]
}

/** A section of the newest schema as the plain group a release had, when its options were there: or undefined. */
function asGroup(schema: z.ZodType, at: At): z.ZodType | undefined {
  const segments = at.segments
  const children: Record<string, z.ZodType> = {}
  for (const [key, child] of childrenOf(coreOf(schema))) {
    const removed = at.removed?.children.get(key)
    const projected = project(child, { ...at, segments: [...segments, key], parentExported: true, removed })
    if (projected) children[key] = projected
  }
  if (Object.keys(children).length === 0) return undefined
  const meta = {
    ...(schema.meta() as Meta),
    description: Object.values(children).some(sends) ? EXPORT_MARKER : undefined,
  }
  return withMeta(withChildren(coreOf(schema), children).optional(), meta as z.GlobalMeta)
}

/** The projected schema at a node of the newest schema, or undefined when the release does not have it. */
export function project(schema: z.ZodType, at: At): z.ZodType | undefined {
  const { segments, release } = at
  const path = joinPath(segments)
  const history = segments.length > 0 ? optionHistory.get(path) : undefined
  if (history && release && !hasRelease(history, release)) {
    // A section before it could be switched on empty (consulCatalog, ecs before 2.3.3): a plain group of its options.
    return history.kind === 'section' ? asGroup(schema, at) : undefined
  }
  const isItem = segments.at(-1) === ENTRY || segments.at(-1) === ITEM
  const own = markerOf(schema)
  // The root is the configuration itself: always walked into. A map's entry or a list's item inherits.
  const newest = at.parentExported && (segments.length === 0 || isItem || own)
  const core = coreOf(schema)

  const children: Record<string, z.ZodType> = {}
  let changed = false
  // An option's value (a string list, a string map) is not walked into: only groups, sections, maps and lists of objects.
  if (history === undefined || history.kind === 'section') {
    const existing = childrenOf(core)
    for (const [key, child] of existing) {
      const removed = at.removed?.children.get(key)
      const projected = project(child, { segments: [...segments, key], parentExported: newest, removed, release })
      if (projected) children[key] = projected
      changed ||= projected !== child
    }
    for (const [key, removed] of at.removed?.children ?? []) {
      if (existing.some(([name]) => name === key)) continue
      const added = removedSchema(removed, release)
      if (added) children[key] = added
      changed ||= added !== undefined
    }
    // A group, map or list none of whose options the release has is not there either.
    if (!history && existing.length > 0 && Object.keys(children).length === 0) return undefined
  }

  // What the release changes in this node's own metadata: its export flag, its kind.
  const overrides: Meta = {}
  if (release && !isItem && segments.length > 0) {
    const exported = history ? exportIn(path, newest, release) : own || Object.values(children).some(sends)
    if (exported !== own) overrides.description = exported ? EXPORT_MARKER : undefined
    if (history && rangeKindOf(history, release) === 'string' && kindOf(schema) === 'file-or-content') {
      overrides.kind = undefined
    }
  }
  if (!changed && Object.keys(overrides).length === 0) return schema
  const rebuilt = changed ? rewrap(schema, withChildren(core, children)) : schema
  if (Object.keys(overrides).length === 0) return rebuilt
  return rebuilt.meta({ ...(rebuilt.meta() as Meta), ...overrides } as z.GlobalMeta)
}
