import { type EnvSelection, envToRaw } from './env.js'
import type { ConfigError } from './errors.js'
import { formatOf, readConfigFile } from './file.js'
import { flagNames, flagSource, flagsToRaw } from './flags.js'
import type { OneSource } from './opt-outs.js'
import { fileConfig, finish, type Pipeline } from './pipeline.js'
import { fileSpellings } from './spellings.js'
import { spelledFlags, spelledVariables } from './switches.js'

/** Which one source a configuration is read from, and what the others it makes ignored are. */

export const ignored = (names: readonly string[], winner: string) => names.map((name) => `${name} ignored: ${winner}`)

/** The one source that wins, and the names of the lower sources' settings it makes ignored. */
export type Winner = OneSource & { ignoredNames: string[] }

/** A file that sets nothing, and files found after the one read: both look like it was read, and it was not. */
export function fileWarnings(winner: Winner & { empty?: boolean }, found: readonly string[]): string[] {
  const warnings: string[] = []
  const path = winner.source.path
  if (path !== undefined && winner.empty) warnings.push(`${path} is empty: it sets no option, defaults apply`)
  if (path !== undefined && found.length > 1) {
    const others = found.slice(1).join(', ')
    warnings.push(`${others} ignored: only the first configuration file found is read (${path})`)
  }
  return warnings
}

export interface Found {
  file: string | undefined
  configArgs: readonly string[]
  selection: EnvSelection
  envNames: string[]
  /** The opt-out switches, whose other spellings are taken out of the winning source before it is read. */
  switches: readonly string[]
}

function withoutVariables(selection: EnvSelection, names: ReadonlySet<string>): EnvSelection {
  const env = Object.fromEntries(Object.entries(selection.env).filter(([name]) => !names.has(name)))
  return { ...selection, env }
}

export function oneSource(
  pipeline: Pipeline,
  { file, configArgs, selection, envNames, switches }: Found,
): Winner & { empty?: boolean } {
  if (file !== undefined) {
    const ignoredNames = [...flagNames(configArgs), ...envNames]
    const read = readConfigFile(file)
    const empty = read === undefined || read.entries.length === 0
    const { raw, found } = read
      ? fileSpellings(read, pipeline.root, switches, formatOf(file).format)
      : { raw: read, found: [] }
    const loaded = fileConfig(raw, pipeline, file)
    return { source: { kind: 'file', path: file }, ignoredNames, empty, spelled: found, ...loaded }
  }
  if (configArgs.length > 0) {
    const errors: ConfigError[] = []
    const spelled = spelledFlags(configArgs, pipeline.root, switches)
    const args = configArgs.filter((_, index) => !spelled.has(index))
    const raw = flagsToRaw(args, pipeline.root, pipeline.legacy, errors)
    const order = args.map((_, index) => flagSource(args, index))
    return {
      source: { kind: 'flags' },
      ignoredNames: envNames,
      ...finish({ raw, errors, order }, pipeline, { source: 'command-line flags' }),
    }
  }
  if (envNames.length > 0) {
    const errors: ConfigError[] = []
    const spelled = spelledVariables(selection, pipeline.root, switches)
    const raw = envToRaw(withoutVariables(selection, spelled), pipeline.root, pipeline.legacy, errors)
    const read = { raw, errors, order: envNames.filter((name) => !spelled.has(name)) }
    return { source: { kind: 'env' }, ignoredNames: [], ...finish(read, pipeline, { source: 'environment' }) }
  }
  return {
    source: { kind: 'defaults' },
    ignoredNames: [],
    ...finish({ raw: undefined }, pipeline, { source: 'defaults' }),
  }
}
