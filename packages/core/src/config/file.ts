import { extname, join } from 'node:path'
import { ConfigError } from './errors.js'
import type { RawMap } from './raw.js'
import { isRegularFile, readConfigText } from './read.js'
import { tomlToRaw } from './toml.js'
import { yamlToRaw } from './yaml.js'

export type ConfigFormat = 'yaml' | 'toml'

/** Searched in this order, as Baqup (and Traefik) search them. */
export const CONFIG_EXTENSIONS = ['.toml', '.yaml', '.yml'] as const

export interface CandidateOptions {
  /** `baqup` → `/etc/baqup/baqup.toml` … `./baqup.yml`. */
  readonly fileName: string
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  readonly home?: string | undefined
  readonly cwd: string
  /** Where `<fileName>/<fileName>.*` is looked for first; `/etc` unless a test says otherwise. */
  readonly systemDir?: string | undefined
}

/**
 * Every path tried when no `--configFile` is given, first found wins:
 * `/etc/<name>/<name>`, `$XDG_CONFIG_HOME/<name>`, `$HOME/.config/<name>`, `./<name>`, each with
 * `.toml`, `.yaml`, `.yml`. An unset `XDG_CONFIG_HOME` or home is skipped.
 */
export function configFileCandidates(options: CandidateOptions): string[] {
  const { fileName, env = {}, home, cwd, systemDir = '/etc' } = options
  const bases = [join(systemDir, fileName, fileName)]
  if (env.XDG_CONFIG_HOME) bases.push(join(env.XDG_CONFIG_HOME, fileName))
  if (home) bases.push(join(home, '.config', fileName))
  bases.push(join(cwd, fileName))
  return bases.flatMap((base) => CONFIG_EXTENSIONS.map((extension) => base + extension))
}

/**
 * The candidates that are regular files, in search order: the first is read, the others are
 * named in a warning. Up to the first, one that exists as something else is refused (a search
 * must not skip it and read another file); after it, such a path is only not listed.
 */
export function findConfigFiles(candidates: readonly string[]): string[] {
  const first = candidates.findIndex(isRegularFile)
  if (first === -1) return []
  const isFileLater = (path: string) => {
    try {
      return isRegularFile(path)
    } catch {
      return false
    }
  }
  return [candidates[first] as string, ...candidates.slice(first + 1).filter(isFileLater)]
}

/** By extension; anything else is read as YAML (a superset of JSON), and its errors say so. */
export function formatOf(path: string): { format: ConfigFormat; guessed: boolean } {
  const extension = extname(path).toLowerCase()
  if (extension === '.toml') return { format: 'toml', guessed: false }
  return { format: 'yaml', guessed: extension !== '.yaml' && extension !== '.yml' }
}

/** A configuration text as a located raw tree; undefined when it sets nothing (empty, comments only). */
export function textToRaw(text: string, format: ConfigFormat, source: string): RawMap | undefined {
  return format === 'toml' ? tomlToRaw(text, source) : yamlToRaw(text, source)
}

/** Reads and parses a configuration file; a file of unknown extension is tried as YAML. */
export function readConfigFile(path: string): RawMap | undefined {
  const text = readConfigText(path)
  const { format, guessed } = formatOf(path)
  try {
    return textToRaw(text, format, path)
  } catch (error) {
    if (!guessed || !(error instanceof ConfigError)) throw error
    throw error.withNote(`(read as YAML: ${extname(path) || 'no extension'} is not .toml, .yaml or .yml)`)
  }
}
