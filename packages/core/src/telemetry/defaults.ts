/**
 * Everything product-specific the telemetry runtime needs, with Baqup's values as defaults.
 * Another product reuses the runtime by passing its own values.
 */
export interface TelemetryProduct {
  /** Display name, in log lines (`Baqup`). */
  readonly name: string
  /** Lower-case token of the `User-Agent` header (`baqup/<version>`). */
  readonly userAgent: string
  /** GitHub-style `owner/name` whose releases the version check lists. */
  readonly repository: string
  /** Prefix of the environment variables that set configuration options. */
  readonly envPrefix: string
  readonly updateURL: string
  readonly collectorURL: string
  readonly docsURL: string
  /** The command that shows what would be sent, named in the startup log. */
  readonly inspectCommand: string
  /** Configuration paths of the two switches, named in the startup log. */
  readonly options: { readonly checkNewVersion: string; readonly sendAnonymousUsage: string }
}

export const BAQUP_PRODUCT: TelemetryProduct = {
  name: 'Baqup',
  userAgent: 'baqup',
  repository: 'baqupio/baqup',
  envPrefix: 'BAQUP_',
  updateURL: 'https://update.baqup.io/',
  collectorURL: 'https://collect.baqup.io/',
  docsURL: 'https://doc.baqup.io/baqup/contributing/data-collection/',
  inspectCommand: 'baqup-telemetry inspect',
  options: { checkNewVersion: 'global.checkNewVersion', sendAnonymousUsage: 'global.sendAnonymousUsage' },
}

/** Schedule and transport limits (DESIGN.md, "Sending"). */
export const TELEMETRY_LIMITS = {
  firstRunDelayMs: 10 * 60_000,
  intervalMs: 24 * 60 * 60_000,
  jitterMs: 30 * 60_000,
  timeoutMs: 10_000,
  maxResponseBytes: 1024 * 1024,
  /** Reports kept in the state file's audit trail. */
  auditLength: 10,
} as const
