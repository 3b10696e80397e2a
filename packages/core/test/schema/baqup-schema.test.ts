import { readFileSync } from 'node:fs'
import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { listOptions } from '../../src/schema/options.js'
import { type SchemaNode, walk } from '../../src/schema/walk.js'
import { referenceRows } from '../support/reference.js'

const options = listOptions(walk(staticConfigSchema))
const byPath = new Map(options.map((option) => [option.path, option]))
const rows = referenceRows()

/** Reference defaults are Go-formatted text; ours are values. */
function asReferenceText(value: unknown): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** `| \`path\` | exported → masked | reason |` rows of the departures table in the schemas README. */
function departuresTable(): Map<string, { direction: string; reason: string }> {
  const readme = readFileSync(new URL('../../../schemas/README.md', import.meta.url), 'utf8')
  const table = new Map<string, { direction: string; reason: string }>()
  for (const [, path = '', direction = '', reason = ''] of readme.matchAll(
    /^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \|$/gm,
  )) {
    table.set(path, { direction: direction.trim(), reason: reason.trim() })
  }
  return table
}

/** Every object node of the tree, by path. */
function objectNodes(node: SchemaNode, path = '(root)'): [string, SchemaNode][] {
  const own: [string, SchemaNode][] = node.children ? [[path, node]] : []
  const children = [...(node.children ?? [])].map(([name, child]) => [`${path}.${name}`, child] as const)
  if (node.item) children.push([`${path}.<item>`, node.item])
  return [...own, ...children.flatMap(([at, child]) => objectNodes(child, at))]
}

describe('the order of fields', () => {
  it('is sorted in every object, so that parsed configurations come out in canonical order for the hash', () => {
    const objects = objectNodes(walk(staticConfigSchema))
    expect(objects.length).toBeGreaterThan(50)
    for (const [path, node] of objects) {
      const names = [...(node.children?.keys() ?? [])]
      expect({ path, names }).toEqual({ path, names: [...names].sort() })
    }
  })

  it('gives a parsed configuration its objects with sorted keys, whatever the order written', () => {
    const effective = staticConfigSchema.parse({
      log: { level: 'DEBUG' },
      api: {},
      entryPoints: { web: { address: ':80' } },
    })
    const unsorted: string[] = []
    const visit = (value: unknown, path: string) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return
      const keys = Object.keys(value)
      if (keys.join() !== [...keys].sort().join()) unsorted.push(path)
      for (const key of keys) visit((value as Record<string, unknown>)[key], `${path}.${key}`)
    }
    visit(effective, '')
    expect(unsorted).toEqual([])
  })
})

describe('the Baqup schema against the reference', () => {
  it('has exactly the reference option paths', () => {
    expect(options.map((option) => option.path).sort()).toEqual(rows.map((row) => row.path).sort())
    expect(options).toHaveLength(530)
  })

  it.each(rows.map((row) => [row.path, row] as const))('%s has the reference kind and default', (path, row) => {
    const option = byPath.get(path)
    expect(option?.kind).toBe(row.kind)
    if (path.endsWith('.redirections.entryPoint.priority')) {
      // 2^63-2 is beyond JavaScript's exact integers: see MAX_PRIORITY in entry-points.ts.
      expect(row.default).toBe('9223372036854775806')
      expect(option?.default).toBe(Number.MAX_SAFE_INTEGER - 1)
    } else if (row.kind === 'section') {
      expect(String(option?.default ?? false)).toBe(row.default)
    } else {
      expect(asReferenceText(option?.default)).toBe(row.default)
    }
  })

  it('departs from the reference export flags exactly where the departures table says', () => {
    const table = departuresTable()
    const departures = rows.filter((row) => byPath.get(row.path)?.export !== row.export)
    expect(departures.map((row) => row.path).sort()).toEqual([...table.keys()].sort())
    for (const row of departures) {
      const entry = table.get(row.path)
      expect(entry?.direction).toBe(row.export ? 'exported → masked' : 'masked → exported')
      expect(entry?.reason.length).toBeGreaterThan(10)
    }
  })

  it('exports entryPoints.<name>.address and nothing else more than the reference', () => {
    const looser = rows.filter((row) => !row.export && byPath.get(row.path)?.export)
    expect(looser.map((row) => row.path)).toEqual(['entryPoints.<name>.address'])
  })

  it('gives every option a one-line help text', () => {
    const missing = options.filter(
      (option) =>
        !/^[A-Z`].{9,}[.)]$/.test(option.description) ||
        option.description.includes('\n') ||
        option.description.includes('TODO'),
    )
    expect(missing.map((option) => option.path)).toEqual([])
  })
})
