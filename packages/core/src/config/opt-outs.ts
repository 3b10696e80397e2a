import type { SchemaNode } from '../schema/walk.js'
import type { EnvSelection } from './env.js'
import { formatOf } from './file.js'
import { setOwn } from './keys.js'
import { canonicalOptOut, type FileSpelling, type Syntax } from './spellings.js'
import {
  decideSwitch,
  envSwitchSettings,
  flagSwitchSettings,
  type SwitchDecision,
  type SwitchSetting,
} from './switches.js'

/** What one source gave, before the opt-outs of the others apply. */
export interface OneSource {
  readonly source: { kind: 'file' | 'flags' | 'env' | 'defaults'; path?: string }
  readonly config: Record<string, unknown>
  readonly effective: Record<string, unknown>
  /** A file's opt-outs spelled another way (`global: false`), taken out of it before it was read. */
  readonly spelled?: readonly FileSpelling[]
}

export interface OtherSources {
  readonly configArgs: readonly string[]
  /** Undefined when the environment is not a source. */
  readonly selection: EnvSelection | undefined
}

export interface OptOuts {
  readonly switches: Record<string, SwitchDecision>
  /** Flags and variables of a lower source that switched something off: not "ignored". */
  readonly honoured: ReadonlySet<string>
  readonly warnings: string[]
}

function valueAt(tree: Record<string, unknown>, path: string): unknown {
  let node: unknown = tree
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

function defaultOf(root: SchemaNode, path: string): boolean {
  let node: SchemaNode | undefined = root
  for (const key of path.split('.')) node = node?.children?.get(key)
  if (node?.kind !== 'bool') throw new Error(`${path}: an opt-out switch must be a boolean option`)
  return node.default === true
}

/** Copies each object on the way: a schema's default object may be shared between loads. */
function setFalse(tree: Record<string, unknown>, path: string): void {
  const keys = path.split('.')
  let node = tree
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined
    const copy = typeof next === 'object' && next !== null ? { ...next } : {}
    setOwn(node, key, copy)
    node = copy
  }
  setOwn(node, keys.at(-1) as string, false)
}

function settingsOf(one: OneSource, others: OtherSources, root: SchemaNode, paths: readonly string[]) {
  const all = new Map<string, SwitchSetting[]>(paths.map((path) => [path, []]))
  const add = (found: Map<string, SwitchSetting[]>) => {
    for (const [path, settings] of found) all.get(path)?.push(...settings)
  }
  if (one.source.kind === 'file') {
    const name = one.source.path ?? ''
    for (const path of paths) {
      const value = valueAt(one.config, path)
      if (typeof value === 'boolean') all.get(path)?.push({ kind: 'file', name, value, winner: true })
    }
    for (const { spelling, paths: named } of one.spelled ?? []) {
      const setting = { kind: 'file', name, value: false, winner: true, spelling } as const
      for (const path of named) all.get(path)?.push(setting)
    }
  }
  add(flagSwitchSettings(others.configArgs, root, paths, one.source.kind === 'flags'))
  if (others.selection) add(envSwitchSettings(others.selection, root, paths, one.source.kind === 'env'))
  return all
}

function syntaxOf(setting: SwitchSetting, selection: EnvSelection | undefined): Syntax {
  if (setting.kind === 'file') return { kind: 'file', format: formatOf(setting.name).format }
  if (setting.kind === 'env') return { kind: 'env', prefix: selection?.prefix ?? '' }
  return { kind: 'flags' }
}

/** A value neither true nor false, or another spelling: said, with how to write it, since it is read as false. */
function optOutWarning(setting: SwitchSetting, paths: readonly string[], syntax: Syntax): string {
  const written =
    setting.kind === 'file' ? `${setting.spelling} in ${setting.name}` : (setting.spelling ?? setting.name)
  const how = setting.spelling === undefined ? ' is neither true nor false: read as' : ' is read as'
  return `${written}${how} ${canonicalOptOut(paths, syntax)}, which switches ${paths.join(' and ')} off`
}

const needsWarning = (setting: SwitchSetting) =>
  setting.spelling !== undefined || (!setting.winner && setting.value === undefined)

/**
 * The stricter-than-Traefik rule: an explicit false for a switch in ANY source switches it off,
 * whichever source won. Written into `config` and `effective` (mutated), so that every reader
 * of the configuration sees it; a lower value that is neither true nor false counts as false,
 * and so does another spelling of an opt-out in any source.
 */
export function applyOptOuts(
  one: OneSource,
  others: OtherSources,
  root: SchemaNode,
  paths: readonly string[],
): OptOuts {
  const switches: Record<string, SwitchDecision> = {}
  const honoured = new Set<string>()
  // One setting may name several switches (`--global=false`): one warning for all of them.
  const warned = new Map<SwitchSetting, string[]>()
  for (const [path, settings] of settingsOf(one, others, root, paths)) {
    setOwn(switches, path, decideSwitch(settings, defaultOf(root, path)))
    for (const setting of settings) {
      if (needsWarning(setting)) warned.set(setting, [...(warned.get(setting) ?? []), path])
      if (!setting.winner && setting.value !== true) honoured.add(setting.name)
    }
    if (settings.some((setting) => setting.value !== true)) {
      setFalse(one.config, path)
      setFalse(one.effective, path)
    }
  }
  const warnings = [...warned].map(([setting, named]) =>
    optOutWarning(setting, named, syntaxOf(setting, others.selection)),
  )
  return { switches, honoured, warnings }
}
