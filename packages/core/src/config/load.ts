import { homedir } from 'node:os'
import { resolve } from 'node:path'
import type * as z from 'zod'
import { type SchemaNode, walk } from '../schema/walk.js'
import { envToRaw, optionEnvNames } from './env.js'
import type { Origin } from './errors.js'
import { type ConfigFormat, configFileCandidates, findConfigFile, readConfigFile, textToRaw } from './file.js'
import { extractConfigFile, flagNames, flagsToRaw } from './flags.js'
import { normalize } from './normalize.js'
import { type RawMap, rawMap } from './raw.js'
import { type LegacyOptions, refuseV1 } from './removed.js'
import { validateConfig } from './validate.js'

/** Root keys of dynamic configuration (and an editor's `$schema`) that a static file may carry. */
export const DYNAMIC_ROOT_KEYS = ['http', 'tcp', 'udp', 'tls', '$schema'] as const

export interface LoadOptions {
  /** The root object schema. */
  schema: z.ZodType
  /** Configuration flags only (a CLI strips its own options first); may include `--configFile`. */
  argv?: readonly string[]
  env?: Record<string, string | undefined>
  /** `BAQUP_`; without it the environment is not a source. */
  envPrefix?: string
  /** Never configuration, e.g. `BAQUP_TELEMETRY_`. */
  reservedEnvPrefixes?: readonly string[]
  /** `baqup` → `/etc/baqup/baqup.{toml,yaml,yml}`, `$XDG_CONFIG_HOME/baqup.*`, `~/.config/baqup.*`, `./baqup.*`. */
  fileName?: string
  cwd?: string
  home?: string
  /** Directory searched first for `<fileName>/<fileName>.*` (default `/etc`). */
  systemDir?: string
  /**
   * Removed and v1 options, for their messages ("removed in v3: use …") and the refusal of a v1
   * file; without it (or with `false`) an old key is only an "unknown option".
   */
  legacy?: LegacyOptions | false | undefined
  /** Root keys a file may carry that are not configuration (default {@link DYNAMIC_ROOT_KEYS}). */
  ignoredRootKeys?: readonly string[]
}

/** What reading a text needs besides the schema (see {@link parseConfigText}). */
export type ParseOptions = Pick<LoadOptions, 'legacy' | 'ignoredRootKeys'>

export type SourceKind = 'file' | 'flags' | 'env' | 'defaults'

export interface LoadedConfig {
  source: { kind: SourceKind; path?: string }
  /** Settings of a lower source that a higher one overrode, by name only. */
  warnings: string[]
  /** As written: canonical key names, coerced and canonical values, sections as `{}`, no defaults. */
  config: Record<string, unknown>
  /** `config` through the schema: defaults applied. */
  effective: Record<string, unknown>
}

interface Pipeline {
  readonly schema: z.ZodType
  readonly root: SchemaNode
  readonly legacy: LegacyOptions | undefined
  readonly ignoredRootKeys: readonly string[]
}

function pipelineOf(schema: z.ZodType, options: ParseOptions): Pipeline {
  return {
    schema,
    root: walk(schema),
    legacy: options.legacy || undefined,
    ignoredRootKeys: options.ignoredRootKeys ?? DYNAMIC_ROOT_KEYS,
  }
}

/** Root keys are skipped in files only: flags and variables have no dynamic configuration to carry. */
function finish(raw: RawMap | undefined, pipeline: Pipeline, origin: Origin, ignoredRootKeys: readonly string[] = []) {
  const normalized = normalize(raw ?? rawMap([], origin), pipeline.root, { legacy: pipeline.legacy, ignoredRootKeys })
  return { config: normalized.config, effective: validateConfig(pipeline.schema, normalized, origin) }
}

function fileConfig(raw: RawMap | undefined, pipeline: Pipeline, source: string) {
  if (raw && pipeline.legacy) refuseV1(pipeline.legacy, raw)
  return finish(raw, pipeline, { source }, pipeline.ignoredRootKeys)
}

/**
 * Parses and normalizes a configuration text as a file would be (for tests, benchmarks and
 * tools): the configuration as written, or a ConfigError.
 */
export function parseConfigText(
  text: string,
  format: ConfigFormat,
  schema: z.ZodType,
  sourceName: string,
  options: ParseOptions = {},
): Record<string, unknown> {
  return fileConfig(textToRaw(text, format, sourceName), pipelineOf(schema, options), sourceName).config
}

const ignored = (names: readonly string[], winner: string) => names.map((name) => `${name} ignored: ${winner}`)

/**
 * Loads the configuration from exactly one source, as Baqup does: a file (`--configFile` or the
 * first found), else flags, else environment variables, else nothing (defaults). Settings of a
 * lower source are ignored, and each is named in a warning. Throws ConfigError.
 */
export function loadConfig(options: LoadOptions): LoadedConfig {
  const pipeline = pipelineOf(options.schema, options)
  const env = options.env ?? {}
  const cwd = options.cwd ?? process.cwd()
  const { configFile, configArgs } = extractConfigFile(options.argv ?? [])
  const selection = { env, prefix: options.envPrefix ?? '', reserved: options.reservedEnvPrefixes }
  const envNames = options.envPrefix ? optionEnvNames(selection) : []
  const candidates = options.fileName
    ? configFileCandidates({
        fileName: options.fileName,
        env,
        cwd,
        home: options.home ?? homedir(),
        systemDir: options.systemDir,
      })
    : []
  const file = configFile === undefined ? findConfigFile(candidates) : resolve(cwd, configFile)

  if (file !== undefined) {
    const winner = `configuration loaded from ${file}`
    const { config, effective } = fileConfig(readConfigFile(file), pipeline, file)
    const warnings = [...ignored(flagNames(configArgs), winner), ...ignored(envNames, winner)]
    return { source: { kind: 'file', path: file }, warnings, config, effective }
  }
  if (configArgs.length > 0) {
    const raw = flagsToRaw(configArgs, pipeline.root, pipeline.legacy)
    const warnings = ignored(envNames, 'configuration loaded from command-line flags')
    return { source: { kind: 'flags' }, warnings, ...finish(raw, pipeline, { source: 'command-line flags' }) }
  }
  if (envNames.length > 0) {
    const raw = envToRaw(selection, pipeline.root, pipeline.legacy)
    return { source: { kind: 'env' }, warnings: [], ...finish(raw, pipeline, { source: 'environment' }) }
  }
  return { source: { kind: 'defaults' }, warnings: [], ...finish(undefined, pipeline, { source: 'defaults' }) }
}
