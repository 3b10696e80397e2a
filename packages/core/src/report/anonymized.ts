import type * as z from 'zod'
import { ITEM_SEGMENT, NAME_SEGMENT } from '../schema/options.js'
import type { SchemaNode } from '../schema/walk.js'
import { walk } from '../schema/walk.js'
import { anonymize, MASKED } from './anonymize.js'
import { SCRUBBED } from './scrub.js'
import { isRecord } from './values.js'

/**
 * The receiving side's defense in depth: a configuration is anonymized when it is a fixed point
 * of the anonymizer. Paths are written in the schema's own words (`<name>` for an entry, `[]` for
 * an item), so that no part of the input, not even an entry name, appears in them.
 */

export type AnonymizedVerdict =
  | { readonly valid: false; readonly paths: readonly string[] }
  | { readonly valid: true; readonly paths: readonly string[] }

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)

function sameLeaf(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameLeaf(item, b[i]))
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameLeaf(a[key], b[key]))
    )
  }
  return Object.is(a, b)
}

/** Map entries are compared by name: a renamed entry differs at `<name>`, whatever its value. */
function diffEntries(
  node: SchemaNode,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  path: string,
  out: Set<string>,
) {
  const at = `${path}.${NAME_SEGMENT}`
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const name of names) {
    if (!Object.hasOwn(a, name) || !Object.hasOwn(b, name)) out.add(at)
    else diff(node.item as SchemaNode, a[name], b[name], at, out)
  }
}

function diff(node: SchemaNode | undefined, a: unknown, b: unknown, path: string, out: Set<string>): void {
  if (!node) {
    if (!sameLeaf(a, b)) out.add(path)
    return
  }
  const objectLike = node.kind === 'object' || node.kind === 'section'
  if (objectLike && isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      diff(node.children?.get(key), a[key], b[key], join(path, node.children?.has(key) ? key : '<unknown>'), out)
    }
  } else if (node.kind === 'map' && isRecord(a) && isRecord(b)) {
    diffEntries(node, a, b, path, out)
  } else if (node.kind === 'list' && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, index) => diff(node.item, item, b[index], `${path}${ITEM_SEGMENT}`, out))
  } else if (node.kind.startsWith('map<') && isRecord(a) && isRecord(b)) {
    if (!sameLeaf(a, b)) out.add(`${path}.${NAME_SEGMENT}`)
  } else if (!sameLeaf(a, b)) {
    out.add(path)
  }
}

const TOKENS = new Set<unknown>([MASKED, SCRUBBED])

/** What the anonymizer itself writes in place of a value: it need not fit the option (`xxxx` for an enumeration). */
function isToken(value: unknown): boolean {
  return TOKENS.has(value) || (Array.isArray(value) && value.length > 0 && value.every((item) => TOKENS.has(item)))
}

function valueAt(config: unknown, path: readonly PropertyKey[]): unknown {
  let value = config
  for (const segment of path) value = isRecord(value) || Array.isArray(value) ? (value as never)[segment] : undefined
  return value
}

/**
 * Where a configuration fails the schema: the schema path of each issue, never the value or an
 * unknown key's name. A value the anonymizer wrote, or left out, is no issue: the configuration
 * was valid before it was anonymized.
 */
function invalidPaths(schema: z.ZodType, root: SchemaNode, config: unknown): string[] {
  const result = schema.safeParse(config)
  if (result.success) return []
  const issues = result.error.issues.filter((issue) => {
    if (issue.code === 'unrecognized_keys') return true
    const value = valueAt(config, issue.path)
    return value !== undefined && !isToken(value)
  })
  const paths = issues.map((issue) => schemaPath(root, issue.path))
  return [...new Set(paths)].sort()
}

/** A value path (`entryPoints.web.address`) in schema words (`entryPoints.<name>.address`). */
export function schemaPath(root: SchemaNode, path: readonly PropertyKey[]): string {
  let node: SchemaNode | undefined = root
  let out = ''
  for (const segment of path) {
    if (node?.kind === 'map' || node?.kind.startsWith('map<')) {
      out = `${out}.${NAME_SEGMENT}`
      node = node.item
    } else if (node?.kind === 'list' || (node && typeof segment === 'number')) {
      out = `${out}${ITEM_SEGMENT}`
      node = node.item
    } else {
      const child: SchemaNode | undefined = node?.children?.get(String(segment))
      out = join(out, child ? String(segment) : '<unknown>')
      node = child
    }
  }
  return out || '<root>'
}

/**
 * Checks a received configuration: `valid: false` with the schema paths of the issues when it
 * does not validate; otherwise the paths where `anonymize(configuration)` differs from it
 * (empty: it is anonymized).
 */
export function checkAnonymized(schema: z.ZodType, config: unknown): AnonymizedVerdict {
  const root = walk(schema)
  const invalid = invalidPaths(schema, root, config)
  if (invalid.length > 0 || !isRecord(config)) return { valid: false, paths: invalid.length ? invalid : ['<root>'] }
  const out = new Set<string>()
  diff(root, config, anonymize(schema, config), '', out)
  return { valid: true, paths: [...out].sort() }
}

/** The paths (schema words) where a configuration is not a fixed point of the anonymizer; empty when it is one. */
export function isAnonymized(schema: z.ZodType, config: unknown): string[] {
  return [...checkAnonymized(schema, config).paths]
}
