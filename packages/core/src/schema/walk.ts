import type * as z from 'zod'

/**
 * The one file that reads Zod internals: it turns any Zod object schema into a tree of
 * schema nodes, from which every other part (loading, flags, anonymizing, hashing,
 * documentation) is derived.
 */

export type LeafKind =
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'duration'
  | 'file-or-content'
  | 'string[]'
  | 'float[]'
  | 'file-or-content[]'
  | 'map<string,string>'
  | 'map<string,any>'
/** Kinds that appear in the option list (the leaves, plus sections that can be switched on empty). */
export type OptionKind = LeafKind | 'section'
/**
 * The closed shape an exported string must have to be sent as written (`.meta({ shape })`).
 * `reference`: the name of an entry of the map at `to` (a dotted path from the root) in the same
 * configuration, or one of `implicit` (entries the product creates itself), or a `:port` when
 * `orPort`; `address`: a listening address; `qualified-name`: a name from the `names` dictionary,
 * optionally `@` one of `qualifiers`; `one-of`: one of `values`; `version`: strictly `v1.2.3`;
 * `status-code`: `404` or `500-599`.
 */
export type StringShape =
  | {
      readonly type: 'reference'
      readonly to: string
      readonly orPort?: boolean
      readonly implicit?: readonly string[]
    }
  | { readonly type: 'qualified-name'; readonly names: readonly string[]; readonly qualifiers: readonly string[] }
  | { readonly type: 'one-of'; readonly values: readonly string[] }
  | { readonly type: 'address' | 'version' | 'status-code' }

/** The list fields each shape must carry: what its closed set is made of. */
const SHAPE_LISTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['reference', []],
  ['qualified-name', ['names', 'qualifiers']],
  ['one-of', ['values']],
  ['address', []],
  ['version', []],
  ['status-code', []],
])

/** `object` is a plain group, `map` holds named entries (`<name>`), `list` an array of objects (`[]`). */
export type NodeKind = OptionKind | 'object' | 'map' | 'list'

export interface SchemaNode {
  readonly kind: NodeKind
  /** The node's own export marker (`.describe('export')`). Map values and list items are not fields: they inherit. */
  readonly export: boolean
  readonly description: string
  /** The default, when the schema has one. Sections and objects created with their parent have `{}`. */
  readonly default?: unknown
  readonly hasDefault: boolean
  /** Allowed values of an enumerated string, of the items of a list of them, or of the values of a string map. */
  readonly values?: readonly string[]
  /** The enumeration is read in any case and kept in the spelling `values` lists (`.meta({ caseInsensitive })`). */
  readonly caseInsensitive?: boolean
  /** The shape an exported string (or each string of a list or string map) must have to be sent as written. */
  readonly shape?: StringShape
  /** Prefix of the numbered names (`entry-1`) that replace a map's entry names that are not in `names`. */
  readonly placeholder?: string
  /** The dictionary of a map's entry names sent as written (`.meta({ names })`); without one, none is. */
  readonly names?: readonly string[]
  /** Other names the option may be written with (`.meta({ aliases })`), read as the canonical one. */
  readonly aliases?: readonly string[]
  /** The first release that has the option (`.meta({ since })`), when the schema carries its history. */
  readonly since?: string
  /** The last release that has it, when a later one removed it (`.meta({ until })`). */
  readonly until?: string
  /** Fields of an object or section, by canonical name. */
  readonly children?: ReadonlyMap<string, SchemaNode>
  /** The value of a map entry or the item of a list. */
  readonly item?: SchemaNode
  /** The Zod schema of this node, unwrapped. */
  readonly schema: z.ZodType
}

export const EXPORT_MARKER = 'export'

interface Unwrapped {
  core: z.ZodType
  meta: Record<string, unknown>
  hasDefault: boolean
  default?: unknown
}

/** Peels optional/default/prefault/nullable/readonly wrappers and preprocess pipes, merging metadata outward-in. */
function unwrap(schema: z.ZodType): Unwrapped {
  const layers: Record<string, unknown>[] = []
  let hasDefault = false
  let value: unknown
  let current = schema
  for (;;) {
    const meta = current.meta()
    if (meta) layers.push(meta)
    const def = current.def as unknown as Record<string, unknown> & { type: string }
    if (def.type === 'default' || def.type === 'prefault') {
      if (!hasDefault) value = def.defaultValue
      hasDefault = true
      current = def.innerType as z.ZodType
    } else if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') {
      current = def.innerType as z.ZodType
    } else if (def.type === 'pipe' && (def.in as z.ZodType).def.type === 'transform') {
      current = def.out as z.ZodType // a preprocess step (section switch): the shape is on the way out
    } else {
      break
    }
  }
  const meta = Object.assign({}, ...layers.reverse())
  return { core: current, meta, hasDefault, default: value }
}

const STRING_TYPES = new Set(['string', 'enum', 'literal'])

function leafKindOfElement(element: z.ZodType): LeafKind | undefined {
  const { core, meta } = unwrap(element)
  if (meta.kind === 'file-or-content') return 'file-or-content[]'
  if (STRING_TYPES.has(core.def.type)) return 'string[]'
  if (core.def.type === 'number') return 'float[]'
  return undefined
}

const INTEGER_FORMATS = new Set(['safeint', 'int32', 'uint32'])

/** `z.int()` carries its format on its own definition, `z.number().int()` in a check. */
function isInteger(def: Record<string, unknown>): boolean {
  const checks = (def.checks ?? []) as { _zod: { def: { format?: string } } }[]
  const formats = [def.format, ...checks.map((check) => check._zod.def.format)]
  return formats.some((format) => INTEGER_FORMATS.has(format as string))
}

/** The allowed values of an enumeration or a literal (kept as they are, never scrubbed); undefined otherwise. */
function enumeratedValues(def: Record<string, unknown> & { type: string }): string[] | undefined {
  if (def.type === 'enum') return Object.values(def.entries as Record<string, string>)
  if (def.type !== 'literal') return undefined
  const values = def.values as unknown[]
  if (!values.every((value) => typeof value === 'string')) {
    throw new Error('walk: unsupported Zod type "literal" of a value other than a string')
  }
  return values as string[]
}

interface Enumeration {
  values: string[]
  caseInsensitive: boolean
}

/** The closed set of an enumerated string, or of the items of a list of strings, or of the values of a string map. */
function enumerationOf(unwrapped: Unwrapped): Enumeration | undefined {
  let { core, meta } = unwrapped
  const def = core.def as unknown as { type: string; element: z.ZodType; valueType: z.ZodType }
  if (def.type === 'array') ({ core, meta } = unwrap(def.element))
  else if (def.type === 'record') ({ core, meta } = unwrap(def.valueType))
  const values = enumeratedValues(core.def as unknown as Record<string, unknown> & { type: string })
  if (!values) {
    if (meta.caseInsensitive) throw new Error('walk: caseInsensitive set on a schema that is not an enumeration')
    return undefined
  }
  return { values, caseInsensitive: meta.caseInsensitive === true }
}

function kindOf(core: z.ZodType, meta: Record<string, unknown>): NodeKind {
  if (meta.kind === 'duration' || meta.kind === 'file-or-content' || meta.kind === 'section') return meta.kind
  const def = core.def as unknown as Record<string, unknown> & { type: string }
  switch (def.type) {
    case 'boolean':
      return 'bool'
    case 'number':
      return isInteger(def) ? 'int' : 'float'
    case 'string':
    case 'enum':
    case 'literal':
      return 'string'
    case 'object':
      return 'object'
    case 'record': {
      const value = unwrap(def.valueType as z.ZodType).core.def.type
      if (STRING_TYPES.has(value)) return 'map<string,string>'
      if (value === 'unknown' || value === 'any') return 'map<string,any>'
      return 'map'
    }
    case 'array':
      return leafKindOfElement(def.element as z.ZodType) ?? 'list'
    default:
      throw new Error(`walk: unsupported Zod type "${def.type}"`)
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/

/** A closed set as metadata holds it: a list of printable ASCII strings (what it lets through is sent as written). */
function closedList(value: unknown, what: string): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && PRINTABLE_ASCII.test(item))) {
    throw new Error(`walk: ${what} must be a list of printable ASCII strings`)
  }
  return value
}

/** The shape metadata of a string, or of the strings a list or string map holds. */
function shapeOf(meta: Record<string, unknown>, def: Record<string, unknown>, kind: NodeKind): StringShape | undefined {
  const inner = kind === 'string[]' ? def.element : kind === 'map<string,string>' ? def.valueType : undefined
  const shape = meta.shape ?? (inner ? unwrap(inner as z.ZodType).meta.shape : undefined)
  if (shape === undefined) return undefined
  const type = (shape as { type?: unknown }).type
  const lists = SHAPE_LISTS.get(type as string)
  if (!lists) throw new Error(`walk: unsupported string shape ${JSON.stringify(type)}`)
  for (const list of lists) closedList((shape as Record<string, unknown>)[list], `the ${list} of a ${type} shape`)
  return shape as StringShape
}

/** The kinds that may hold a closed set: a string, the items of a list, the values of a string map. */
const STRING_KINDS: ReadonlySet<NodeKind> = new Set(['string', 'string[]', 'map<string,string>'])

function build(schema: z.ZodType, inheritedExport = false): SchemaNode {
  const unwrapped = unwrap(schema)
  const { core, meta, hasDefault, default: value } = unwrapped
  const kind = kindOf(core, meta)
  const def = core.def as unknown as Record<string, unknown> & { type: string }
  const node: { -readonly [K in keyof SchemaNode]: SchemaNode[K] } = {
    kind,
    export: inheritedExport || meta.description === EXPORT_MARKER,
    description: typeof meta.help === 'string' ? meta.help : '',
    hasDefault,
    schema: core,
  }
  if (hasDefault) node.default = value
  const enumeration = STRING_KINDS.has(kind) ? enumerationOf(unwrapped) : undefined
  if (enumeration) node.values = enumeration.values
  if (enumeration?.caseInsensitive) node.caseInsensitive = true
  if (Array.isArray(meta.aliases)) node.aliases = meta.aliases as string[]
  const shape = shapeOf(meta, def, kind)
  if (shape) node.shape = shape
  if (typeof meta.placeholder === 'string') node.placeholder = meta.placeholder
  if (typeof meta.since === 'string') node.since = meta.since
  if (typeof meta.until === 'string') node.until = meta.until
  if (meta.names !== undefined) {
    if (kind !== 'map' && kind !== 'map<string,string>')
      throw new Error('walk: names set on a schema that is not a map')
    node.names = closedList(meta.names, 'names')
  }
  if (kind === 'object' || kind === 'section') {
    const shape = def.shape as Record<string, z.ZodType>
    node.children = new Map(Object.entries(shape).map(([key, child]) => [key, build(child)]))
  } else if (kind === 'map') {
    node.item = build(def.valueType as z.ZodType, true)
  } else if (kind === 'list') {
    node.item = build(def.element as z.ZodType, true)
  }
  return node
}

const trees = new WeakMap<z.ZodType, SchemaNode>()

/**
 * The schema tree of a Zod object schema, built once per schema instance.
 * The root is always exported (it is the configuration itself).
 */
export function walk(schema: z.ZodType): SchemaNode {
  let root = trees.get(schema)
  if (!root) {
    root = build(schema, true)
    if (root.kind !== 'object') throw new Error(`walk: the root must be an object schema, found ${root.kind}`)
    trees.set(schema, root)
  }
  return root
}
