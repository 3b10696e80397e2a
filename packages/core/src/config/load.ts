import { homedir } from 'node:os'
import { resolve } from 'node:path'
import type * as z from 'zod'
import { type SchemaNode, walk } from '../schema/walk.js'
import { type EnvSelection, envToRaw, optionEnvNames } from './env.js'
import type { Origin } from './errors.js'
import { type ConfigFormat, configFileCandidates, findConfigFile, readConfigFile, textToRaw } from './file.js'
import { extractConfigFile, flagNames, flagsToRaw } from './flags.js'
import { normalize } from './normalize.js'
import { applyOptOuts, type OneSource } from './opt-outs.js'
import { type RawMap, rawMap } from './raw.js'
import { type LegacyOptions, refuseV1 } from './removed.js'
import type { SwitchDecision } from './switches.js'
import { validateConfig } from './validate.js'

/** Root keys of dynamic configuration (and an editor's `$schema`) that a static file may carry. */
export const DYNAMIC_ROOT_KEYS = ['http', 'tcp', 'udp', 'tls', '$schema'] as const

/** A root schema: what it parses into is an object of options. */
type RootSchema = z.ZodType<Record<string, unknown>>

export interface LoadOptions<Schema extends RootSchema = RootSchema> {
  /** The root object schema. */
  schema: Schema
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
  /**
   * Boolean options (`global.sendAnonymousUsage`) that an explicit false in ANY source switches
   * off, whichever source won: an opt-out is never ignored. Read alone from every source.
   */
  optOutSwitches?: readonly string[]
}

/** What reading a text needs besides the schema (see {@link parseConfigText}). */
export type ParseOptions = Pick<LoadOptions, 'legacy' | 'ignoredRootKeys'>

export type SourceKind = 'file' | 'flags' | 'env' | 'defaults'

export interface LoadedConfig<Effective extends Record<string, unknown> = Record<string, unknown>> {
  source: { kind: SourceKind; path?: string }
  /** Settings of a lower source that a higher one overrode, by name only. */
  warnings: string[]
  /** As written (canonical key names, coerced and canonical values, sections as `{}`, no defaults), opt-outs applied. */
  config: Record<string, unknown>
  /** `config` through the schema: defaults applied. */
  effective: Effective
  /** How each of {@link LoadOptions.optOutSwitches} was decided, by path. */
  switches: Record<string, SwitchDecision>
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

/** The one source that wins, and the names of the lower sources' settings it makes ignored. */
type Winner = OneSource & { ignoredNames: string[] }

/**
 * Loads the configuration from exactly one source, as Baqup does: a file (`--configFile` or the
 * first found), else flags, else environment variables, else nothing (defaults). Settings of a
 * lower source are ignored, and each is named in a warning, except an opt-out of one of
 * `optOutSwitches`, which applies from any source. Throws ConfigError. `effective` is
 * typed by the schema's output: the schema itself produced it.
 */
export function loadConfig<Schema extends RootSchema>(options: LoadOptions<Schema>): LoadedConfig<z.output<Schema>>
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

  const winner = oneSource(pipeline, { file, configArgs, selection, envNames })
  const lower = { configArgs, selection: options.envPrefix ? selection : undefined }
  const optOuts = applyOptOuts(winner, lower, pipeline.root, options.optOutSwitches ?? [])
  const warnings = [
    ...ignored(
      winner.ignoredNames.filter((name) => !optOuts.honoured.has(name)),
      `configuration loaded from ${winner.source.path ?? 'command-line flags'}`,
    ),
    ...optOuts.warnings,
  ]
  const { source, config, effective } = winner
  return { source, warnings, config, effective, switches: optOuts.switches }
}

interface Found {
  file: string | undefined
  configArgs: readonly string[]
  selection: EnvSelection
  envNames: string[]
}

function oneSource(pipeline: Pipeline, { file, configArgs, selection, envNames }: Found): Winner {
  if (file !== undefined) {
    const ignoredNames = [...flagNames(configArgs), ...envNames]
    return { source: { kind: 'file', path: file }, ignoredNames, ...fileConfig(readConfigFile(file), pipeline, file) }
  }
  if (configArgs.length > 0) {
    const raw = flagsToRaw(configArgs, pipeline.root, pipeline.legacy)
    return {
      source: { kind: 'flags' },
      ignoredNames: envNames,
      ...finish(raw, pipeline, { source: 'command-line flags' }),
    }
  }
  if (envNames.length > 0) {
    const raw = envToRaw(selection, pipeline.root, pipeline.legacy)
    return { source: { kind: 'env' }, ignoredNames: [], ...finish(raw, pipeline, { source: 'environment' }) }
  }
  return { source: { kind: 'defaults' }, ignoredNames: [], ...finish(undefined, pipeline, { source: 'defaults' }) }
}
