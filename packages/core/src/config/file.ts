import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { ConfigError } from './errors.js'
import { LIMITS } from './limits.js'
import type { RawMap } from './raw.js'
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

export function findConfigFile(candidates: readonly string[]): string | undefined {
  return candidates.find((path) => {
    try {
      return statSync(path).isFile()
    } catch {
      return false
    }
  })
}

function systemProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'file not found'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'a directory, not a file'
  return `cannot be read (${code ?? 'unknown error'})`
}

const tooLarge = (source: string) =>
  new ConfigError({ origin: { source }, problem: `larger than ${LIMITS.maxFileBytes} bytes: refused` })

/**
 * The bytes of an open file, in a buffer sized from what `fstat` said plus one byte, grown
 * when the file holds more (a file growing while read, a `/proc` file that says 0) up to one
 * byte past the limit, where it is refused.
 */
function readAll(fd: number, expectedSize: number, source: string): Buffer {
  let buffer = Buffer.alloc(Math.min(expectedSize, LIMITS.maxFileBytes) + 1)
  let length = 0
  for (;;) {
    if (length === buffer.length) {
      if (length > LIMITS.maxFileBytes) throw tooLarge(source)
      const larger = Buffer.alloc(Math.min(buffer.length * 2, LIMITS.maxFileBytes + 1))
      buffer.copy(larger)
      buffer = larger
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null)
    if (read === 0) return buffer.subarray(0, length)
    length += read
  }
}

/** Reads a configuration file as bytes: a regular file, at most 1 MiB. */
export function readConfigBytes(path: string): Buffer {
  const origin = { source: path }
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw new ConfigError({ origin, problem: systemProblem(error) })
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new ConfigError({ origin, problem: 'not a regular file' })
    if (stats.size > LIMITS.maxFileBytes) throw tooLarge(path)
    return readAll(fd, stats.size, path)
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError({ origin, problem: systemProblem(error) })
  } finally {
    closeSync(fd)
  }
}

/** Reads a configuration file as text: a regular file, at most 1 MiB, UTF-8 without NUL bytes. */
export function readConfigText(path: string): string {
  return decodeText(readConfigBytes(path), path)
}

export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.includes(0)) throw new ConfigError({ origin: { source }, problem: 'contains NUL bytes: not a text file' })
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new ConfigError({ origin: { source }, problem: 'not UTF-8 text (a binary file?)' })
  }
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
