import { formatDuration } from '@baqup/schemas'
import fc from 'fast-check'
import type { SchemaNode } from '../../src/schema/walk.js'

/**
 * Configurations generated from the schema tree, already in normalized form, restricted to what
 * every source can say: entry names and map keys lower-case without `_` or `.` (env lower-cases
 * names and splits on `_`), list items without commas or outer spaces (flags and env split lists
 * on commas), no empty groups (a flag cannot create one), at most three fields per level below the root.
 */
const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index))
const text = fc.string({ unit: fc.constantFrom(...printable, 'é', 'ß', '日', '🙂'), maxLength: 16 })
const name = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,7}$/)
  .filter((value) => value !== 'constructor' && value !== 'prototype')
const mapKey = fc
  .stringMatching(/^[a-z][a-z0-9]{0,6}$/)
  .filter((value) => value !== 'constructor' && value !== 'prototype')
const listItem = fc.stringMatching(/^[A-Za-z0-9./:*-]{1,12}$/)
const float = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })
  .filter((value) => !Object.is(value, -0))
const integer = fc.oneof(fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER - 1, -Number.MAX_SAFE_INTEGER))
const duration = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 15n }).map(formatDuration)

const cache = new WeakMap<SchemaNode, fc.Arbitrary<unknown>>()

function fields(node: SchemaNode, minLength: number, maxLength = 3): fc.Arbitrary<Record<string, unknown>> {
  const children = [...(node.children ?? new Map<string, SchemaNode>())]
  return fc
    .subarray(children, {
      minLength: Math.min(minLength, children.length),
      maxLength: Math.min(maxLength, children.length),
    })
    .chain((chosen) => fc.record(Object.fromEntries(chosen.map(([key, child]) => [key, arbitraryOf(child)]))))
}

function build(node: SchemaNode): fc.Arbitrary<unknown> {
  switch (node.kind) {
    case 'bool':
      return fc.boolean()
    case 'int':
      return integer
    case 'float':
      return float
    case 'string':
    case 'file-or-content':
      // Only text the option's own checks accept (an address is never a port without its colon).
      return node.values
        ? fc.constantFrom(...node.values)
        : text.filter((value) => node.schema.safeParse(value).success)
    case 'duration':
      return duration
    case 'string[]':
    case 'file-or-content[]':
      return fc.array(node.values ? fc.constantFrom(...node.values) : listItem, { maxLength: 3 })
    case 'float[]':
      return fc.array(float, { maxLength: 3 })
    case 'map<string,string>':
    case 'map<string,any>':
      return fc.dictionary(mapKey, node.values ? fc.constantFrom(...node.values) : text, { minKeys: 1, maxKeys: 2 })
    case 'section':
      return fields(node, 0)
    case 'object':
      return fields(node, 1)
    case 'map':
      return fc.dictionary(name, arbitraryOf(node.item as SchemaNode), { minKeys: 1, maxKeys: 2 })
    case 'list':
      return fc.array(arbitraryOf(node.item as SchemaNode), { minLength: 1, maxLength: 2 })
  }
}

export function arbitraryOf(node: SchemaNode): fc.Arbitrary<unknown> {
  let arbitrary = cache.get(node)
  if (!arbitrary) {
    // Built lazily: the tree is finite, but building every branch up front is wasted work.
    arbitrary = fc.constant(null).chain(() => build(node))
    cache.set(node, arbitrary)
  }
  return arbitrary
}

/** Whole configurations: two to six top-level sections. */
export const configArbitrary = (root: SchemaNode) => fields(root, 2, 6)
