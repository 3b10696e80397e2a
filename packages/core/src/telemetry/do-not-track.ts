import type { Environment } from './proxy.js'

/**
 * Values of `DO_NOT_TRACK` that leave tracking to the configuration. The convention
 * (consoledonottrack.com) only defines `1`; any other non-empty value is read as a wish not to be
 * tracked too, since erring that way costs nothing but a report.
 */
const ALLOWING_VALUES = new Set(['', '0', 'false', 'no', 'off'])

export function doNotTrack(env: Environment): boolean {
  const value = env.DO_NOT_TRACK
  return value !== undefined && !ALLOWING_VALUES.has(value.trim().toLowerCase())
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
