import { type EnvSelection, envToRaw } from './env.js'
import type { ConfigError } from './errors.js'
import { readConfigFile } from './file.js'
import { flagNames, flagSource, flagsToRaw } from './flags.js'
import type { OneSource } from './opt-outs.js'
import { fileConfig, finish, type Pipeline } from './pipeline.js'

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
}

export function oneSource(
  pipeline: Pipeline,
  { file, configArgs, selection, envNames }: Found,
): Winner & { empty?: boolean } {
  if (file !== undefined) {
    const ignoredNames = [...flagNames(configArgs), ...envNames]
    const raw = readConfigFile(file)
    const empty = raw === undefined || raw.entries.length === 0
    return { source: { kind: 'file', path: file }, ignoredNames, empty, ...fileConfig(raw, pipeline, file) }
  }
  if (configArgs.length > 0) {
    const errors: ConfigError[] = []
    const raw = flagsToRaw(configArgs, pipeline.root, pipeline.legacy, errors)
    const order = configArgs.map((_, index) => flagSource(configArgs, index))
    return {
      source: { kind: 'flags' },
      ignoredNames: envNames,
      ...finish({ raw, errors, order }, pipeline, { source: 'command-line flags' }),
    }
  }
  if (envNames.length > 0) {
    const errors: ConfigError[] = []
    const raw = envToRaw(selection, pipeline.root, pipeline.legacy, errors)
    const read = { raw, errors, order: envNames }
    return { source: { kind: 'env' }, ignoredNames: [], ...finish(read, pipeline, { source: 'environment' }) }
  }
  return {
    source: { kind: 'defaults' },
    ignoredNames: [],
    ...finish({ raw: undefined }, pipeline, { source: 'defaults' }),
  }
}
