import type { SchemaNode } from '../schema/walk.js'
import { parseGoBool } from './coerce.js'
import { type EnvSelection, optionEnvNames } from './env.js'
import { rawScalar } from './raw.js'
import { canonicalPath, negatedSwitches, switchesUnder } from './spellings.js'

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
  /**
   * Set in the source the configuration was loaded from, as its own option. A flag or variable
   * spelled another way never is: switching on means removing it, not changing it.
   */
  readonly winner: boolean
  /**
   * An opt-out written another way than the switch itself (see spellings.ts), as it reads:
   * `--no-global.sendAnonymousUsage`, `--global=false`, `BAQUP_GLOBAL=false`, `global: false`.
   */
  readonly spelling?: string | undefined
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

const readBool = (text: string, source: string) => parseGoBool(rawScalar(text, { source }))

/** What one flag or variable says about the switches, if it addresses any. */
interface Reading {
  readonly paths: readonly string[]
  readonly setting: SwitchSetting
  /** How many arguments it takes: 2 when its value is the next one. */
  readonly width: number
}

/**
 * A switch written as itself keeps what it reads as (true, false or neither). A group written
 * false (`--global=false`) is an opt-out spelled another way; written neither true nor false, an
 * opt-out too; written true, no switch setting at all (the schema says what it is).
 */
function groupOrOwn(
  path: string,
  named: readonly string[],
  own: Pick<SwitchSetting, 'kind' | 'name' | 'value' | 'winner'>,
): Pick<Reading, 'paths' | 'setting'> | undefined {
  if (named.length === 1 && named[0] === path) return { paths: named, setting: own }
  if (own.value === true) return undefined
  const spelling = own.value === false ? `${own.name}=false` : undefined
  return { paths: named, setting: { ...own, winner: false, spelling } }
}

function readFlag(
  args: readonly string[],
  index: number,
  root: SchemaNode,
  switches: readonly string[],
  winner: boolean,
) {
  const arg = args[index] as string
  if (!arg.startsWith('--')) return undefined
  const equals = arg.indexOf('=')
  const name = equals === -1 ? arg : arg.slice(0, equals)
  const negated = negatedSwitches(name.slice(2), root, switches)
  if (negated.length > 0) {
    const setting = { kind: 'flags', name, value: false, winner: false, spelling: name } as const
    return { paths: negated, setting, width: 1 }
  }
  const path = canonicalPath(root, name.slice(2).split('.'))
  const named = path === undefined ? [] : switchesUnder(path, switches)
  if (path === undefined || named.length === 0) return undefined
  const next = args[index + 1]
  const separate = equals === -1 && next !== undefined && !next.startsWith('--')
  // A lower source is never validated: `--x false` must read as the opt-out it means.
  const text = equals !== -1 ? arg.slice(equals + 1) : separate ? next : 'true'
  const found = groupOrOwn(path, named, { kind: 'flags', name, value: readBool(text, name), winner })
  return found && { ...found, width: separate ? 2 : 1 }
}

function flagReadings(args: readonly string[], root: SchemaNode, switches: readonly string[], winner: boolean) {
  const readings: (Reading & { index: number })[] = []
  for (let index = 0; index < args.length; index++) {
    const reading = readFlag(args, index, root, switches, winner)
    if (reading) readings.push({ ...reading, index })
  }
  return readings
}

function byPath(readings: readonly Pick<Reading, 'paths' | 'setting'>[]): Map<string, SwitchSetting[]> {
  const found = new Map<string, SwitchSetting[]>()
  for (const { paths, setting } of readings) {
    for (const path of paths) found.set(path, [...(found.get(path) ?? []), setting])
  }
  return found
}

/**
 * `--global.sendAnonymousUsage=false`, `--global.sendanonymoususage false`, bare
 * `--global.sendAnonymousUsage` (true), and the other spellings: `--no-global.sendAnonymousUsage`,
 * `--global=false`, `--no-global`. A setting that names several switches is one object in each list.
 */
export function flagSwitchSettings(
  args: readonly string[],
  root: SchemaNode,
  switches: readonly string[],
  winner: boolean,
): Map<string, SwitchSetting[]> {
  return byPath(flagReadings(args, root, switches, winner))
}

/** The arguments that spell an opt-out another way (with a separate value, both): taken out before flags are read. */
export function spelledFlags(args: readonly string[], root: SchemaNode, switches: readonly string[]): Set<number> {
  const indices = new Set<number>()
  for (const { index, width, setting } of flagReadings(args, root, switches, true)) {
    if (setting.spelling === undefined) continue
    for (let taken = index; taken < index + width; taken++) indices.add(taken)
  }
  return indices
}

function variableReadings(selection: EnvSelection, root: SchemaNode, switches: readonly string[], winner: boolean) {
  const readings: (Pick<Reading, 'paths' | 'setting'> & { name: string })[] = []
  for (const name of optionEnvNames(selection)) {
    const path = canonicalPath(root, name.slice(selection.prefix.length).split('_'))
    const named = path === undefined ? [] : switchesUnder(path, switches)
    if (path === undefined || named.length === 0) continue
    const value = readBool(selection.env[name] as string, name)
    const found = groupOrOwn(path, named, { kind: 'env', name, value, winner })
    if (found) readings.push({ ...found, name })
  }
  return readings
}

/** `BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false` (the prefix as written, the rest in any case), and `BAQUP_GLOBAL=false`. */
export function envSwitchSettings(
  selection: EnvSelection,
  root: SchemaNode,
  switches: readonly string[],
  winner: boolean,
): Map<string, SwitchSetting[]> {
  return byPath(variableReadings(selection, root, switches, winner))
}

/** The variables that spell an opt-out another way (`BAQUP_GLOBAL=false`): taken out before the environment is read. */
export function spelledVariables(selection: EnvSelection, root: SchemaNode, switches: readonly string[]): Set<string> {
  const readings = variableReadings(selection, root, switches, true)
  return new Set(readings.filter(({ setting }) => setting.spelling !== undefined).map(({ name }) => name))
}

export function describeSetting(setting: SwitchSetting): string {
  if (setting.kind === 'file')
    return setting.spelling ? `file ${setting.name} (${setting.spelling})` : `file ${setting.name}`
  if (setting.spelling) return `${setting.kind === 'flags' ? 'flag' : 'env'} ${setting.spelling}`
  const value = setting.value === undefined ? ' (neither true nor false, read as false)' : `=${setting.value}`
  return `${setting.kind === 'flags' ? 'flag' : 'env'} ${setting.name}${value}`
}

/** The first opt-out in source order decides; else the winning source's value; else the default. */
export function decideSwitch(settings: readonly SwitchSetting[], byDefault: boolean): SwitchDecision {
  const decisive = settings.find((setting) => setting.value !== true) ?? settings.find((setting) => setting.winner)
  if (!decisive) return { value: byDefault, decidedBy: 'default', settings, byDefault }
  return { value: decisive.value === true, decidedBy: describeSetting(decisive), settings, byDefault }
}
