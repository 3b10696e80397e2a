import type { SchemaNode } from '../schema/walk.js'
import { parseGoBool } from './coerce.js'
import { envVarName } from './env.js'
import type { ConfigFormat } from './file.js'
import { canonicalChild } from './keys.js'
import { type RawEntry, type RawMap, rawMap } from './raw.js'

/**
 * Ways of writing an opt-out other than `path=false`: a negated flag (`--no-global.sendAnonymousUsage`)
 * and a false for the group that holds switches (`--global=false`, `BAQUP_GLOBAL=false`,
 * `global: false`), which switches off every switch in it. Neither is an option of the schema,
 * so each is taken out of its source before the source is read, and read as the opt-out it means.
 */

/** The canonical dotted path of names written in any case (`GLOBAL`, `SENDANONYMOUSUSAGE`), if they name a field. */
export function canonicalPath(root: SchemaNode, names: readonly string[]): string | undefined {
  const path: string[] = []
  let node: SchemaNode | undefined = root
  for (const name of names) {
    const child: string | undefined = node && canonicalChild(node, name)
    if (child === undefined) return undefined
    path.push(child)
    node = node?.children?.get(child)
  }
  return path.join('.')
}

/** The switches a path names: itself when it is one, every switch under it when it is a group. */
export function switchesUnder(path: string, switches: readonly string[]): string[] {
  return switches.filter((switchPath) => switchPath === path || switchPath.startsWith(`${path}.`))
}

/** `--no-global.sendAnonymousUsage`, `--no-global` (the name without its dashes): the switches it negates. */
export function negatedSwitches(name: string, root: SchemaNode, switches: readonly string[]): string[] {
  if (!/^no-/i.test(name)) return []
  const path = canonicalPath(root, name.slice(3).split('.'))
  return path === undefined ? [] : switchesUnder(path, switches)
}

/** Where the same opt-out is written the canonical way, in the syntax of the source it was found in. */
export type Syntax = { kind: 'flags' } | { kind: 'env'; prefix: string } | { kind: 'file'; format: ConfigFormat }

function inline(tree: Map<string, unknown>, format: ConfigFormat): string {
  const assign = format === 'toml' ? ' = ' : ': '
  const items = [...tree].map(([key, value]) =>
    value instanceof Map ? `${key}${assign}{${inline(value, format)}}` : `${key}${assign}false`,
  )
  return items.join(', ')
}

/** `--global.checkNewVersion=false`, `BAQUP_GLOBAL_CHECKNEWVERSION=false`, `global: {checkNewVersion: false}`. */
export function canonicalOptOut(paths: readonly string[], syntax: Syntax): string {
  if (syntax.kind === 'flags') return paths.map((path) => `--${path}=false`).join(' ')
  if (syntax.kind === 'env') return paths.map((path) => `${envVarName(syntax.prefix, path)}=false`).join(' ')
  const tree = new Map<string, unknown>()
  for (const path of paths) {
    const keys = path.split('.')
    let node = tree
    for (const key of keys.slice(0, -1)) {
      const next = node.get(key)
      const child = next instanceof Map ? (next as Map<string, unknown>) : new Map<string, unknown>()
      node.set(key, child)
      node = child
    }
    node.set(keys.at(-1) as string, false)
  }
  return inline(tree, syntax.format)
}

/** A false written for a group of switches in a file, and the switches it holds. */
export interface FileSpelling {
  /** `global: false`, `Global = false`: the keys as written. */
  readonly spelling: string
  readonly paths: readonly string[]
}

function stripped(
  map: RawMap,
  node: SchemaNode,
  at: { path: readonly string[]; written: readonly string[] },
  context: { switches: readonly string[]; format: ConfigFormat; found: FileSpelling[] },
): RawMap {
  const entries: RawEntry[] = []
  for (const entry of map.entries) {
    const child = canonicalChild(node, entry.key)
    const childNode = child === undefined ? undefined : node.children?.get(child)
    const path = [...at.path, child as string]
    const named = childNode ? switchesUnder(path.join('.'), context.switches) : []
    const isGroup = named.length > 0 && named[0] !== path.join('.')
    if (isGroup && entry.value.type === 'map') {
      const written = [...at.written, entry.key]
      entries.push({ ...entry, value: stripped(entry.value, childNode as SchemaNode, { path, written }, context) })
    } else if (isGroup && entry.value.type === 'scalar' && parseGoBool(entry.value) === false) {
      const assign = context.format === 'toml' ? ' = ' : ': '
      context.found.push({ spelling: `${[...at.written, entry.key].join('.')}${assign}false`, paths: named })
    } else {
      entries.push(entry)
    }
  }
  return rawMap(entries, map.origin)
}

/**
 * A file's `global: false` is not a mapping of options, which the file must otherwise hold there:
 * it is taken out of the tree and returned as the opt-out it means. Any other value stays, for
 * the schema to refuse.
 */
export function fileSpellings(
  raw: RawMap,
  root: SchemaNode,
  switches: readonly string[],
  format: ConfigFormat,
): { raw: RawMap; found: FileSpelling[] } {
  if (switches.length === 0) return { raw, found: [] }
  const found: FileSpelling[] = []
  const rest = stripped(raw, root, { path: [], written: [] }, { switches, format, found })
  return { raw: found.length > 0 ? rest : raw, found }
}
