import type { SchemaNode } from '../schema/walk.js'
import { parseGoBool } from './coerce.js'
import { type EnvSelection, optionEnvNames } from './env.js'
import { canonicalChild } from './keys.js'
import { rawScalar } from './raw.js'

/**
 * Opt-out switches (the telemetry switches): boolean options that an explicit `false` in ANY
 * source switches off, whichever source won for the rest. They are read from every source
 * alone, so that an invalid lower source never loses an opt-out.
 */

/** One place a switch is written: the file, a flag or an environment variable. */
export interface SwitchSetting {
  readonly kind: 'file' | 'flags' | 'env'
  /** The file's path, or the flag or the variable as written. */
  readonly name: string
  /** `undefined`: neither true nor false (only in a lower source, where it reads as an opt-out). */
  readonly value: boolean | undefined
  /** Set in the source the configuration was loaded from. */
  readonly winner: boolean
}

export interface SwitchDecision {
  /** What applies, defaults included (DO_NOT_TRACK comes on top). */
  readonly value: boolean
  /** `default`, `file PATH`, `flag --global.sendAnonymousUsage=false`, `env BAQUP_GLOBAL_…=false`. */
  readonly decidedBy: string
  /** Every place the switch is written, in source order: file, flags, environment. */
  readonly settings: readonly SwitchSetting[]
  /** The value when no source sets it. */
  readonly byDefault: boolean
}

/** The canonical dotted path of a field written in any case (`GLOBAL`,`SENDANONYMOUSUSAGE`), if it is one. */
function canonicalPath(root: SchemaNode, names: readonly string[]): string | undefined {
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

const readBool = (text: string, source: string) => parseGoBool(rawScalar(text, { source }))

/** `--global.sendAnonymousUsage=false`, `--global.sendanonymoususage false`, bare `--global.sendAnonymousUsage` (true). */
export function flagSwitchSettings(
  args: readonly string[],
  root: SchemaNode,
  paths: readonly string[],
  winner: boolean,
): Map<string, SwitchSetting[]> {
  const found = new Map<string, SwitchSetting[]>()
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string
    if (!arg.startsWith('--')) continue
    const equals = arg.indexOf('=')
    const name = equals === -1 ? arg : arg.slice(0, equals)
    const path = canonicalPath(root, name.slice(2).split('.'))
    if (path === undefined || !paths.includes(path)) continue
    const next = args[index + 1]
    // A lower source is never validated: `--x false` must read as the opt-out it means.
    const text = equals !== -1 ? arg.slice(equals + 1) : next !== undefined && !next.startsWith('--') ? next : 'true'
    const setting = { kind: 'flags', name, value: readBool(text, name), winner } as const
    found.set(path, [...(found.get(path) ?? []), setting])
  }
  return found
}

/** `BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false`: the prefix as written, the rest in any case. */
export function envSwitchSettings(
  selection: EnvSelection,
  root: SchemaNode,
  paths: readonly string[],
  winner: boolean,
): Map<string, SwitchSetting[]> {
  const found = new Map<string, SwitchSetting[]>()
  for (const name of optionEnvNames(selection)) {
    const path = canonicalPath(root, name.slice(selection.prefix.length).split('_'))
    if (path === undefined || !paths.includes(path)) continue
    const setting = { kind: 'env', name, value: readBool(selection.env[name] as string, name), winner } as const
    found.set(path, [...(found.get(path) ?? []), setting])
  }
  return found
}

export function describeSetting(setting: SwitchSetting): string {
  if (setting.kind === 'file') return `file ${setting.name}`
  const value = setting.value === undefined ? ' (neither true nor false, read as false)' : `=${setting.value}`
  return `${setting.kind === 'flags' ? 'flag' : 'env'} ${setting.name}${value}`
}

/** The first opt-out in source order decides; else the winning source's value; else the default. */
export function decideSwitch(settings: readonly SwitchSetting[], byDefault: boolean): SwitchDecision {
  const decisive = settings.find((setting) => setting.value !== true) ?? settings.find((setting) => setting.winner)
  if (!decisive) return { value: byDefault, decidedBy: 'default', settings, byDefault }
  return { value: decisive.value === true, decidedBy: describeSetting(decisive), settings, byDefault }
}
