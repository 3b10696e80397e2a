import { homedir } from 'node:os'
import {
  anonymize,
  buildPayload,
  buildReportRequest,
  buildVersionRequest,
  configHash,
  defaultStatePath,
  doNotTrack,
  type LoadedConfig,
  loadConfig,
  openState,
  type TelemetryRequest,
  type UsagePayload,
  versionCheckSkipReason,
} from '@baqup/core'
import { product } from './product.js'

export type Switch = 'checkNewVersion' | 'sendAnonymousUsage'

export interface Mechanism {
  enabled: boolean
  /** Which source decided: `file /etc/baqup/baqup.yaml`, `flag --global.…`, `env BAQUP_…`, `default`, `DO_NOT_TRACK`. */
  why: string
  /** The request it makes (or would make once switched on), built by the code that sends it. */
  request?: TelemetryRequest
  /** Why no request is possible at all (a `dev` build has no version to compare). */
  skipped?: string
}

export interface Inspection {
  loaded: LoadedConfig
  global: Record<Switch, boolean>
  mechanisms: { versionCheck: Mechanism; usageStatistics: Mechanism }
  anonymized: Record<string, unknown>
  hash: string
  /** False when the state file cannot be written: the hash key lives for this process only. */
  keyPersistent: boolean
  statePath: string
  payload: UsagePayload
}

export interface InspectOptions {
  configFlags: readonly string[]
  env: Record<string, string | undefined>
  cwd?: string
  home?: string
}

export function endpoints(
  env: Record<string, string | undefined>,
  overrides: { updateURL?: string; collectorURL?: string } = {},
) {
  return {
    updateURL: overrides.updateURL ?? env.BAQUP_TELEMETRY_UPDATE_URL ?? product.updateURL,
    collectorURL: overrides.collectorURL ?? env.BAQUP_TELEMETRY_COLLECTOR_URL ?? product.collectorURL,
  }
}

export function statePathOf(env: Record<string, string | undefined>, home = homedir()): string {
  return defaultStatePath(env, home, { product: product.name })
}

export function load(options: InspectOptions): LoadedConfig {
  return loadConfig({
    schema: product.schema,
    argv: options.configFlags,
    env: options.env,
    envPrefix: product.envPrefix,
    reservedEnvPrefixes: product.reservedEnvPrefixes,
    fileName: product.name,
    cwd: options.cwd,
    home: options.home,
  })
}

function decidedBy(loaded: LoadedConfig, key: Switch, dnt: boolean): string {
  if (dnt) return 'DO_NOT_TRACK'
  const global = loaded.config.global as Record<string, unknown> | undefined
  if (global?.[key] === undefined) return 'default'
  const path = `global.${key}`
  if (loaded.source.kind === 'file') return `file ${loaded.source.path}`
  if (loaded.source.kind === 'flags') return `flag --${path}`
  return `env ${product.envPrefix}${path.replaceAll('.', '_').toUpperCase()}`
}

/** Effective switches and why, from a loaded configuration and the environment. */
export function switches(loaded: LoadedConfig, env: Record<string, string | undefined>) {
  const dnt = doNotTrack(env)
  const global = loaded.effective.global as Record<Switch, boolean>
  const decide = (key: Switch) => ({ enabled: !dnt && global[key], why: decidedBy(loaded, key, dnt) })
  return { checkNewVersion: decide('checkNewVersion'), sendAnonymousUsage: decide('sendAnonymousUsage') }
}

/** Everything `inspect` shows, computed by the functions the runtime uses to send. */
export function inspectConfiguration(options: InspectOptions): Inspection {
  const loaded = load(options)
  const { checkNewVersion, sendAnonymousUsage } = switches(loaded, options.env)
  const { updateURL, collectorURL } = endpoints(options.env)
  const statePath = statePathOf(options.env, options.home)
  const { state, persistent } = openState(statePath)
  const anonymized = anonymize(product.schema, loaded.config)
  const hash = configHash(loaded.effective, state.installationKey)
  const payload = buildPayload(product, anonymized, hash)
  const skipped = versionCheckSkipReason(product.version)
  return {
    loaded,
    global: { checkNewVersion: checkNewVersion.enabled, sendAnonymousUsage: sendAnonymousUsage.enabled },
    mechanisms: {
      versionCheck: {
        ...checkNewVersion,
        ...(skipped ? { skipped } : { request: buildVersionRequest({ version: product.version, updateURL }) }),
      },
      usageStatistics: { ...sendAnonymousUsage, request: buildReportRequest({ payload, collectorURL }) },
    },
    anonymized,
    hash,
    keyPersistent: persistent,
    statePath,
    payload,
  }
}
