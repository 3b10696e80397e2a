import { homedir } from 'node:os'
import { resolve } from 'node:path'
import type * as z from 'zod'
import { optionEnvNames } from './env.js'
import { type ConfigFormat, configFileCandidates, findConfigFiles, textToRaw } from './file.js'
import { extractConfigFile } from './flags.js'
import { fileWarnings, ignored, oneSource } from './one-source.js'
import { applyOptOuts } from './opt-outs.js'
import { fileConfig, pipelineOf } from './pipeline.js'
import type { LegacyOptions } from './removed.js'
import type { SwitchDecision } from './switches.js'

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
  /** Root keys a file may carry that are not configuration (default `DYNAMIC_ROOT_KEYS`). */
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

export interface LoadedSource {
  kind: SourceKind
  /** The file read, when `kind` is `file`. */
  path?: string
  /** When `kind` is `defaults` and files were looked for: every path tried, in order. */
  searched?: string[]
}

export interface LoadedConfig<Effective extends Record<string, unknown> = Record<string, unknown>> {
  source: LoadedSource
  /** Settings of a lower source that a higher one overrode, by name only. */
  warnings: string[]
  /** As written (canonical key names, coerced and canonical values, sections as `{}`, no defaults), opt-outs applied. */
  config: Record<string, unknown>
  /** `config` through the schema: defaults applied. */
  effective: Effective
  /** How each of {@link LoadOptions.optOutSwitches} was decided, by path. */
  switches: Record<string, SwitchDecision>
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

/**
 * Loads the configuration from exactly one source, as Baqup does: a file (`--configFile` or the
 * first found), else flags, else environment variables, else nothing (defaults). Settings of a
 * lower source are ignored, and each is named in a warning, except an opt-out of one of
 * `optOutSwitches`, which applies from any source. Throws a ConfigError; when a source holds
 * several mistakes, a ConfigErrors listing them (see {@link ConfigErrors}). `effective` is
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
  const found = configFile === undefined ? findConfigFiles(candidates) : []
  const file = configFile === undefined ? found[0] : resolve(cwd, configFile)

  const switches = options.optOutSwitches ?? []
  const winner = oneSource(pipeline, { file, configArgs, selection, envNames, switches })
  const lower = { configArgs, selection: options.envPrefix ? selection : undefined }
  const optOuts = applyOptOuts(winner, lower, pipeline.root, switches)
  const warnings = [
    ...ignored(
      winner.ignoredNames.filter((name) => !optOuts.honoured.has(name)),
      `configuration loaded from ${winner.source.path ?? 'command-line flags'}`,
    ),
    ...optOuts.warnings,
    ...fileWarnings(winner, found),
  ]
  const { config, effective } = winner
  const searched = winner.source.kind === 'defaults' && options.fileName !== undefined
  const source: LoadedSource = searched ? { ...winner.source, searched: candidates } : winner.source
  return { source, warnings, config, effective, switches: optOuts.switches }
}
