import type { SchemaNode } from '../schema/walk.js'
import type { EnvSelection } from './env.js'
import { setOwn } from './keys.js'
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
    for (const path of paths) {
      const value = valueAt(one.config, path)
      if (typeof value === 'boolean')
        all.get(path)?.push({ kind: 'file', name: one.source.path ?? '', value, winner: true })
    }
  }
  add(flagSwitchSettings(others.configArgs, root, paths, one.source.kind === 'flags'))
  if (others.selection) add(envSwitchSettings(others.selection, root, paths, one.source.kind === 'env'))
  return all
}

/**
 * The stricter-than-Traefik rule: an explicit false for a switch in ANY source switches it off,
 * whichever source won. Written into `config` and `effective` (mutated), so that every reader
 * of the configuration sees it; a lower value that is neither true nor false counts as false.
 */
export function applyOptOuts(
  one: OneSource,
  others: OtherSources,
  root: SchemaNode,
  paths: readonly string[],
): OptOuts {
  const switches: Record<string, SwitchDecision> = {}
  const honoured = new Set<string>()
  const warnings: string[] = []
  for (const [path, settings] of settingsOf(one, others, root, paths)) {
    const decision = decideSwitch(settings, defaultOf(root, path))
    setOwn(switches, path, decision)
    for (const setting of settings) {
      if (setting.winner || setting.value === true) continue
      honoured.add(setting.name)
      if (setting.value === undefined) {
        warnings.push(`${setting.name} is neither true nor false: read as false, which switches ${path} off`)
      }
    }
    if (settings.some((setting) => !setting.winner && setting.value !== true)) {
      setFalse(one.config, path)
      setFalse(one.effective, path)
    }
  }
  return { switches, honoured, warnings }
}
