import type { SchemaNode } from '../schema/walk.js'
import { coerceLeaf, parseGoBool } from './coerce.js'
import { conflict, sameValue } from './duplicates.js'
import { ConfigError, type Origin } from './errors.js'
import { anyMap, stringMap } from './free-maps.js'
import { gather } from './gathered.js'
import { canonicalChild, formatPath, pathKey, refuseForbiddenKey, setOwn } from './keys.js'
import { LIMITS, tooManyEntriesProblem } from './limits.js'
import { childPlace, describeRaw, expectedFor, type Normalized, OMIT, type Place, shapeMismatch } from './place.js'
import { type RawEntry, type RawMap, type RawNode, rawMap } from './raw.js'
import type { LegacyOptions } from './removed.js'
import { unknownOption } from './unknown.js'

export interface NormalizeOptions {
  readonly legacy?: LegacyOptions | undefined
  /** Root keys skipped, compared case-insensitively (a file may hold dynamic configuration too). */
  readonly ignoredRootKeys?: readonly string[] | undefined
}

export interface Normalization {
  readonly config: Record<string, unknown>
  /** Where each value of `config` was written, by `pathKey(path)`: lets later checks point at the source. */
  readonly origins: ReadonlyMap<string, Origin>
  /** The `pathKey`s of the leaf values that may be shown (the option and its ancestors exported). */
  readonly exported: ReadonlySet<string>
  /** Every mistake found, in the order met: a wrong key or value is left out and the pass goes on. */
  readonly errors: readonly ConfigError[]
}

interface Context {
  readonly legacy: LegacyOptions | undefined
  readonly ignored: ReadonlySet<string>
  readonly origins: Map<string, Origin>
  readonly exported: Set<string>
  /** Entries of schema maps read so far (entry points, resolvers …), for {@link LIMITS.maxEntries}. */
  readonly count: { entries: number }
  readonly errors: ConfigError[]
}

/** Gathers a mistake; the value it was about sets nothing. */
function refused(ctx: Context, error: ConfigError): typeof OMIT {
  ctx.errors.push(error)
  return OMIT
}

/** Groups entries by key; `canonical` turns a written key into the group's name (or undefined: unknown). */
function groupEntries(raw: RawMap, place: Place, ctx: Context, canonical: (entry: RawEntry) => string | undefined) {
  const groups = new Map<string, RawEntry[]>()
  for (const entry of raw.entries) {
    const path = formatPath([...place.path, entry.key])
    const safe = gather(ctx.errors, () => refuseForbiddenKey(entry.key, entry.origin, path) === undefined, false)
    if (!safe) continue
    const name = canonical(entry)
    if (name === undefined) continue
    const group = groups.get(name)
    if (group) group.push(entry)
    else groups.set(name, [entry])
  }
  return groups
}

function fields(raw: RawMap, node: SchemaNode, place: Place, ctx: Context): Record<string, unknown> {
  const atRoot = place.path.length === 0
  const groups = groupEntries(raw, place, ctx, (entry) => {
    const name = canonicalChild(node, entry.key)
    if (name === undefined && !(atRoot && ctx.ignored.has(entry.key.toLowerCase()))) {
      const path = formatPath([...place.path, entry.key])
      refused(ctx, unknownOption(entry.key, { origin: entry.origin, path, pattern: place.pattern, node }, ctx.legacy))
    }
    return name
  })
  const result: Record<string, unknown> = {}
  for (const [name, entries] of groups) {
    const child = node.children?.get(name) as SchemaNode
    const value = normalizeEntries(entries, child, childPlace(place, name, child.export, false), ctx)
    if (value !== OMIT) setOwn(result, name, value)
  }
  return result
}

/** `entryPoints:\n  web:\n  address: ":80"`: an option written where an entry name belongs. */
function misplacedOption(entry: RawEntry, item: SchemaNode, place: Place): ConfigError | undefined {
  const option = canonicalChild(item, entry.key)
  if (entry.value.type !== 'scalar' || entry.value.value === null || !option || item.kind !== 'object') return undefined
  const exported = place.exported && (item.children?.get(option)?.export ?? false)
  const parent = formatPath(place.path.slice(0, -1))
  return new ConfigError({
    origin: entry.origin,
    path: formatPath(place.path),
    problem: `not an entry: "${option}" is an option of each entry (${parent}.<name>.${option}), is it indented one level too little?`,
    expected: expectedFor(item.kind),
    found: describeRaw(entry.value, exported),
  })
}

/** Each entry is an object with its own defaults: ten thousand entries already make megabytes. */
const tooManyEntries = (origin: Origin, place: Place) =>
  new ConfigError({
    origin,
    path: formatPath(place.path),
    problem: tooManyEntriesProblem,
  })

function namedEntries(raw: RawMap, node: SchemaNode, place: Place, ctx: Context): Record<string, unknown> {
  const item = node.item as SchemaNode
  const result: Record<string, unknown> = {}
  for (const [name, entries] of groupEntries(raw, place, ctx, (entry) => entry.key)) {
    if (name === '') {
      const origin = (entries[0] as RawEntry).origin
      refused(ctx, new ConfigError({ origin, path: formatPath(place.path), problem: 'an entry without a name' }))
      continue
    }
    if (++ctx.count.entries > LIMITS.maxEntries) throw tooManyEntries((entries[0] as RawEntry).origin, place)
    const entryPlace = childPlace(place, name, true, true)
    const misplaced = misplacedOption(entries[0] as RawEntry, item, entryPlace)
    if (misplaced) {
      refused(ctx, misplaced)
      continue
    }
    const value = normalizeEntries(entries, item, entryPlace, ctx)
    if (value !== OMIT) setOwn(result, name, value)
  }
  return result
}

/** One key written once, or several times (merged when the values agree, refused when they differ). */
function normalizeEntries(entries: readonly RawEntry[], node: SchemaNode, place: Place, ctx: Context): Normalized {
  const [first] = entries as [RawEntry]
  if (entries.length === 1) return normalizeNode(first.value, node, place, ctx)
  const maps = entries.filter((entry) => entry.value.type === 'map')
  let result: Normalized = OMIT
  let resultOrigin: Origin | undefined
  if (maps[0]) {
    const merged = rawMap(
      maps.flatMap((entry) => (entry.value as RawMap).entries),
      maps[0].value.origin,
    )
    result = normalizeNode(merged, node, place, ctx)
    resultOrigin = maps[0].origin
  }
  for (const entry of entries) {
    if (entry.value.type === 'map') continue
    const value = normalizeNode(entry.value, node, place, ctx)
    if (resultOrigin === undefined) {
      result = value
      resultOrigin = entry.origin
    } else if (!sameValue(result, value) && !(node.kind === 'section' && value !== OMIT && result !== OMIT)) {
      // A section switched on (`--api`) beside its settings (`--api.insecure`) agrees; anything else differs.
      refused(ctx, conflict(place, entry.origin, resultOrigin))
    }
  }
  return result
}

function isNull(raw: RawNode): boolean {
  return raw.type === 'scalar' && raw.value === null
}

function normalizeNode(raw: RawNode, node: SchemaNode, place: Place, ctx: Context): Normalized {
  const key = pathKey(place.path)
  if (!ctx.origins.has(key)) ctx.origins.set(key, raw.origin)
  switch (node.kind) {
    case 'object':
    case 'section': {
      if (raw.type === 'map') return fields(raw, node, place, ctx)
      if (isNull(raw)) return {}
      const on = node.kind === 'section' && raw.type === 'scalar' ? parseGoBool(raw) : undefined
      if (on === undefined) return refused(ctx, shapeMismatch(raw, place, 'not a mapping', expectedFor(node.kind)))
      return on ? {} : OMIT
    }
    case 'map':
      if (isNull(raw)) return {}
      if (raw.type !== 'map') return refused(ctx, shapeMismatch(raw, place, 'not a mapping', expectedFor(node.kind)))
      return namedEntries(raw, node, place, ctx)
    case 'list':
      if (isNull(raw)) return OMIT
      if (raw.type !== 'list') return refused(ctx, shapeMismatch(raw, place, 'not a list', expectedFor(node.kind)))
      return raw.items.map((item, index) =>
        normalizeNode(item, node.item as SchemaNode, childPlace(place, index, true, true), ctx),
      )
    case 'map<string,string>':
      return gather(ctx.errors, () => stringMap(raw, node, place), OMIT)
    case 'map<string,any>':
      return gather(ctx.errors, () => anyMap(raw, node, place), OMIT)
    default:
      // Only a leaf's own value may be quoted: a group's value holds its masked options too.
      if (place.exported) ctx.exported.add(key)
      return gather(ctx.errors, () => coerceLeaf(raw, node, place), OMIT)
  }
}

/**
 * The one pass that gives a raw tree its meaning, driven by the schema tree: canonical key names
 * (matched in any case; entry names keep theirs), values coerced by kind, sections switched,
 * unknown keys refused with a did-you-mean or the message of a removed option. Mistakes are
 * gathered in `errors`, not thrown, so that one run reports them all; only a limit (too many
 * entries) stops the pass.
 */
export function normalize(raw: RawMap, root: SchemaNode, options: NormalizeOptions = {}): Normalization {
  const ctx: Context = {
    legacy: options.legacy,
    ignored: new Set((options.ignoredRootKeys ?? []).map((key) => key.toLowerCase())),
    origins: new Map(),
    exported: new Set(),
    count: { entries: 0 },
    errors: [],
  }
  const config = fields(raw, root, { path: [], pattern: [], exported: true }, ctx)
  return { config, origins: ctx.origins, exported: ctx.exported, errors: ctx.errors }
}
