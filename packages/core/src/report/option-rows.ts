import type * as z from 'zod'
import { ITEM_SEGMENT, NAME_SEGMENT } from '../schema/options.js'
import type { SchemaNode } from '../schema/walk.js'
import { walk } from '../schema/walk.js'
import { MASKED } from './anonymize-leaves.js'
import { isRecord } from './values.js'

/**
 * One row per option set in a configuration, for the statistics of the receiving side. The path
 * is the option's (`entryPoints.<name>.address`, as `flags` prints it); the value is kept only
 * where it says how the product is used without saying who uses it: exported booleans, numbers,
 * durations and enumerations. A masked string is `xxxx`; any other value is null.
 */

export type OptionValue = string | number | boolean | null

export interface OptionRow {
  readonly path: string
  readonly value: OptionValue
}

const SCALARS = new Set(['bool', 'int', 'float', 'duration'])
const STRINGS = new Set(['string', 'file-or-content', 'string[]', 'file-or-content[]'])

function leafValue(node: SchemaNode, value: unknown, exported: boolean): OptionValue {
  if (!exported) return STRINGS.has(node.kind) ? MASKED : null
  const scalar = typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string'
  if (!scalar) return null
  if (SCALARS.has(node.kind)) return value
  return node.kind === 'string' && node.values?.includes(value as string) ? value : null
}

function rowsOf(node: SchemaNode, value: unknown, path: string, exported: boolean, out: OptionRow[]): void {
  if (value === undefined) return
  switch (node.kind) {
    case 'section':
      out.push({ path, value: null })
      if (isRecord(value)) rowsOfFields(node, value, path, exported, out)
      return
    case 'object':
      if (isRecord(value)) rowsOfFields(node, value, path, exported, out)
      return
    case 'map':
      if (!isRecord(value)) return
      for (const entry of Object.values(value)) {
        rowsOf(node.item as SchemaNode, entry, `${path}.${NAME_SEGMENT}`, exported, out)
      }
      return
    case 'list':
      if (!Array.isArray(value)) return
      for (const item of value) rowsOf(node.item as SchemaNode, item, `${path}${ITEM_SEGMENT}`, exported, out)
      return
    default:
      out.push({ path, value: leafValue(node, value, exported) })
  }
}

function rowsOfFields(
  node: SchemaNode,
  value: Record<string, unknown>,
  path: string,
  exported: boolean,
  out: OptionRow[],
) {
  for (const [key, fieldValue] of Object.entries(value)) {
    const child = node.children?.get(key)
    if (child) rowsOf(child, fieldValue, path ? `${path}.${key}` : key, exported && child.export, out)
  }
}

/** The option rows of a configuration (as written, normally an anonymized one), in the configuration's order. */
export function optionRows(schema: z.ZodType, config: Record<string, unknown>): OptionRow[] {
  const out: OptionRow[] = []
  rowsOfFields(walk(schema), config, '', true, out)
  return out
}
