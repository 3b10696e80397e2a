import { ConfigError, type Origin } from './errors.js'
import { type RawEntry, type RawMap, type RawNode, type RawScalar, rawList, rawMap } from './raw.js'

/** A key (field or entry name) or a list index. */
export type Segment = string | number

/** One `--a.b[0].c=value` flag or `PREFIX_A_B_0_C=value` variable, resolved to its path. */
export interface Assignment {
  readonly segments: readonly Segment[]
  /** Its origin is the flag or variable name. */
  readonly value: RawScalar
}

interface Slot {
  readonly origin: Origin
  readonly scalars: RawScalar[]
  map?: Map<Segment, Slot>
  list?: Map<Segment, Slot>
  containerOrigin?: Origin
}

function slotIn(container: Map<Segment, Slot>, segment: Segment, origin: Origin): Slot {
  let slot = container.get(segment)
  if (!slot) {
    slot = { origin, scalars: [] }
    container.set(segment, slot)
  }
  return slot
}

function listItems(slots: Map<Segment, Slot>, origin: Origin): RawNode {
  const indices = [...slots.keys()].map(Number).sort((a, b) => a - b)
  const items = indices.map((index, position) => {
    const slot = slots.get(index) as Slot
    if (index !== position) {
      throw new ConfigError({
        origin: slot.origin,
        problem: `list index ${index} is set but index ${position} is not: indices start at 0 and have no gaps`,
      })
    }
    return slotNode(slot)
  })
  return rawList(items, origin)
}

/** A list item is a mapping (lists hold objects): a value beside its options is refused, never dropped. */
function slotNode(slot: Slot): RawNode {
  const [scalar] = slot.scalars
  if (scalar && (slot.map || slot.list)) {
    throw new ConfigError({
      origin: scalar.origin,
      problem: 'a list item takes options, not a value of its own',
    })
  }
  if (slot.map) return mapOf(slot.map, slot.containerOrigin ?? slot.origin)
  if (slot.list) return listItems(slot.list, slot.containerOrigin ?? slot.origin)
  return scalar as RawScalar
}

function mapOf(slots: Map<Segment, Slot>, origin: Origin): RawMap {
  const entries: RawEntry[] = []
  for (const [key, slot] of slots) {
    // A switch and its settings (`--api --api.insecure`) become two entries of one key: normalization merges them.
    for (const scalar of slot.scalars) entries.push({ key: String(key), origin: scalar.origin, value: scalar })
    if (slot.map) entries.push({ key: String(key), origin: slot.origin, value: mapOf(slot.map, slot.origin) })
    if (slot.list) entries.push({ key: String(key), origin: slot.origin, value: listItems(slot.list, slot.origin) })
  }
  return rawMap(entries, origin)
}

/** Builds the raw tree of flags or env variables, so they take the same normalization path as a file. */
export function buildRawTree(assignments: readonly Assignment[], origin: Origin): RawMap {
  const root = new Map<Segment, Slot>()
  for (const { segments, value } of assignments) {
    let container = root
    segments.forEach((segment, index) => {
      const slot = slotIn(container, segment, value.origin)
      const next = segments[index + 1]
      if (next === undefined) {
        slot.scalars.push(value)
        return
      }
      slot.containerOrigin ??= value.origin
      if (typeof next === 'number') container = slot.list ??= new Map()
      else container = slot.map ??= new Map()
    })
  }
  return mapOf(root, origin)
}
