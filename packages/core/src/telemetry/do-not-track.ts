import type { Environment } from './proxy.js'

/**
 * Values of `DO_NOT_TRACK` that say, explicitly, that tracking is left to the configuration
 * (any case, surrounding white space aside). The convention (consoledonottrack.com) only defines
 * `1`; any other value, white space alone included, is read as a wish not to be tracked too,
 * since erring that way costs nothing but a report. Unset or empty (`DO_NOT_TRACK=`, what a shell
 * or a compose file gives for "not set") is not set.
 */
const ALLOWING_VALUES = new Set(['0', 'false', 'no', 'off'])

export function doNotTrack(env: Environment): boolean {
  const value = env.DO_NOT_TRACK
  if (value === undefined || value === '') return false
  return !ALLOWING_VALUES.has(value.trim().toLowerCase())
}

export interface TelemetrySwitches {
  checkNewVersion: boolean
  sendAnonymousUsage: boolean
}

/** The switches that apply: the configuration's, both off under DO_NOT_TRACK. */
export function effectiveSwitches(
  config: TelemetrySwitches,
  env: Environment,
): TelemetrySwitches & { doNotTrack: boolean } {
  const off = doNotTrack(env)
  return {
    checkNewVersion: config.checkNewVersion && !off,
    sendAnonymousUsage: config.sendAnonymousUsage && !off,
    doNotTrack: off,
  }
}
