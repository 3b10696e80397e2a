import type { OptionKind, SchemaNode } from './walk.js'

/** One configuration option, as listed by `flags --json` and used by every generator. */
export interface Option {
  /** Dotted path: map entries as `<name>`, list items as `[]` (`entryPoints.<name>.http.tls.domains[].main`). */
  readonly path: string
  readonly kind: OptionKind
  /** True when the option and every field above it carry the export marker: its value may be sent. */
  readonly export: boolean
  readonly default?: unknown
  readonly description: string
  /** The closed set of an enumeration (of each item, for a list; of each value, for a string map). */
  readonly values?: readonly string[]
  /** The enumeration is read in any case; its values are listed in their canonical spelling. */
  readonly caseInsensitive?: boolean
  /** The first release that has the option, when the schema carries its history. */
  readonly since?: string
  /** The last release that has it, when a later one removed it. */
  readonly until?: string
}

export const NAME_SEGMENT = '<name>'
export const ITEM_SEGMENT = '[]'

function* optionsUnder(node: SchemaNode, path: string, exported: boolean): Generator<Option> {
  for (const [key, child] of node.children ?? []) {
    yield* optionsOf(child, path ? `${path}.${key}` : key, exported && child.export)
  }
}

function* optionsOf(node: SchemaNode, path: string, exported: boolean): Generator<Option> {
  switch (node.kind) {
    case 'object':
      yield* optionsUnder(node, path, exported)
      return
    case 'map':
      yield* optionsOf(node.item as SchemaNode, `${path}.${NAME_SEGMENT}`, exported)
      return
    case 'list':
      yield* optionsOf(node.item as SchemaNode, `${path}${ITEM_SEGMENT}`, exported)
      return
    case 'section':
      yield option(node, path, exported, node.hasDefault)
      yield* optionsUnder(node, path, exported)
      return
    default:
      yield option(node, path, exported, node.default)
  }
}

function option(node: SchemaNode, path: string, exported: boolean, value: unknown): Option {
  const base = { path, kind: node.kind as OptionKind, export: exported, description: node.description }
  const enumeration = node.values ? { values: node.values, caseInsensitive: node.caseInsensitive === true } : {}
  const history = { ...(node.since && { since: node.since }), ...(node.until && { until: node.until }) }
  return value === undefined
    ? { ...base, ...enumeration, ...history }
    : { ...base, default: value, ...enumeration, ...history }
}

/** `one of a, b, c`, saying when any case is accepted: how errors, `flags` and the reference state a closed set. */
export function allowedValues(
  enumeration: { readonly values?: readonly string[]; readonly caseInsensitive?: boolean },
  quote: (value: string) => string = (value) => value,
): string {
  const list = `one of ${(enumeration.values ?? []).map(quote).join(', ')}`
  return enumeration.caseInsensitive ? `${list}, in any case` : list
}

/** Every option of the schema tree in schema order (leaves and sections, like the reference's TSV). */
export function listOptions(root: SchemaNode): Option[] {
  return [...optionsUnder(root, '', root.export)]
}
