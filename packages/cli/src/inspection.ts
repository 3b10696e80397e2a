import { homedir } from 'node:os'
import {
  anonymize,
  anonymizeExplained,
  buildPayload,
  configHash,
  type Decision,
  defaultStatePath,
  describeRequests,
  effectiveSwitches,
  type LoadedConfig,
  loadConfig,
  openState,
  type PlannedRequest,
  type TelemetrySwitches,
  type UsagePayload,
} from '@baqup/core'
import { buildInfo } from './baqup-version.js'
import { product } from './product.js'
import { releaseView } from './release-view.js'

export type Switch = keyof TelemetrySwitches
type Env = Record<string, string | undefined>

export interface Mechanism extends PlannedRequest {
  /** Which source decided: `file /etc/baqup/baqup.yaml`, `flag --global.…`, `env BAQUP_…`, `default`, `DO_NOT_TRACK`. */
  why: string
}

export interface Inspection {
  loaded: LoadedConfig
  global: TelemetrySwitches
  mechanisms: { versionCheck: Mechanism; usageStatistics: Mechanism }
  anonymized: Record<string, unknown>
  hash: string
  /** False when the state file cannot be written: the hash key lives for this process only. */
  keyPersistent: boolean
  statePath: string
  payload: UsagePayload
  /** Why each value was kept or masked, when asked for (made by the same walk as `anonymized`). */
  decisions?: Decision[]
}

export interface InspectOptions {
  configFlags: readonly string[]
  env: Env
  /** The Baqup version the requests and the payload speak for. */
  version: string
  /** Where a problem at the state path is said; default stderr (`--json` gathers them in `warnings`). */
  warn?: (message: string) => void
  /** `--update-url` / `--collector-url`, over the environment's and the defaults. */
  endpoints?: { updateURL?: string; collectorURL?: string }
  explain?: boolean
}

export function endpoints(env: Env, overrides: InspectOptions['endpoints'] = {}) {
  return {
    updateURL: overrides.updateURL ?? env.BAQUP_TELEMETRY_UPDATE_URL ?? product.updateURL,
    collectorURL: overrides.collectorURL ?? env.BAQUP_TELEMETRY_COLLECTOR_URL ?? product.collectorURL,
  }
}

export function statePathOf(env: Env): string {
  return defaultStatePath(env, homedir(), { product: product.fileName })
}

/** The configuration as the release `version` reads it: an option it does not have is an error saying when it came or went. */
export function load(configFlags: readonly string[], env: Env, version: string): LoadedConfig {
  const view = releaseView(version)
  return loadConfig({
    schema: view.zod,
    argv: configFlags,
    env,
    envPrefix: product.envPrefix,
    reservedEnvPrefixes: product.reservedEnvPrefixes,
    fileName: product.fileName,
    legacy: view.legacy,
    optOutSwitches: Object.values(product.options),
  })
}

/** The configured switches (defaults applied), before DO_NOT_TRACK. */
export function configuredSwitches(loaded: LoadedConfig): TelemetrySwitches {
  const { checkNewVersion, sendAnonymousUsage } = loaded.effective.global as TelemetrySwitches
  return { checkNewVersion, sendAnonymousUsage }
}

function decidedBy(loaded: LoadedConfig, key: Switch, doNotTrack: boolean): string {
  if (doNotTrack) return 'DO_NOT_TRACK'
  return loaded.switches[product.options[key]]?.decidedBy ?? 'default'
}

/** The usage report's body for a loaded configuration, keyed with this installation's key, from Baqup `version`. */
export function payloadOf(loaded: LoadedConfig, installationKey: string, version: string, explain = false) {
  // Anonymized as the release sends it (its export flags); explaining builds a path string per value: only when asked.
  const schema = releaseView(version).zod
  const { anonymized, decisions } = explain
    ? anonymizeExplained(schema, loaded.config)
    : { anonymized: anonymize(schema, loaded.config), decisions: undefined }
  const hash = configHash(loaded.effective, installationKey)
  return { anonymized, decisions, hash, payload: buildPayload(buildInfo(version), anonymized, hash) }
}

/** Something in the way at the state path (a symbolic link, a file not ours) is said on stderr; stdout stays the report. */
const warnOnStderr = (message: string) => {
  process.stderr.write(`baqup-telemetry: warning: ${message}\n`)
}

/** Everything `inspect` shows, computed by the functions the runtime uses to send. */
export function inspectConfiguration(options: InspectOptions): Inspection {
  const loaded = load(options.configFlags, options.env, options.version)
  const switches = effectiveSwitches(configuredSwitches(loaded), options.env)
  const statePath = statePathOf(options.env)
  const { state, persistent } = openState(statePath, { debug: () => {}, warn: options.warn ?? warnOnStderr })
  const { version } = options
  const { anonymized, decisions, hash, payload } = payloadOf(loaded, state.installationKey, version, options.explain)
  const planned = describeRequests({
    config: switches,
    version,
    payload,
    ...endpoints(options.env, options.endpoints),
  })
  const why = (key: Switch) => decidedBy(loaded, key, switches.doNotTrack)
  return {
    loaded,
    global: { checkNewVersion: switches.checkNewVersion, sendAnonymousUsage: switches.sendAnonymousUsage },
    mechanisms: {
      versionCheck: { ...planned.versionCheck, why: why('checkNewVersion') },
      usageStatistics: { ...planned.usageReport, why: why('sendAnonymousUsage') },
    },
    anonymized,
    hash,
    keyPersistent: persistent,
    statePath,
    payload,
    ...(decisions ? { decisions } : {}),
  }
}
