import { isAbsolute, join } from 'node:path'
import { MAX_REPORTS, newState, readStateFile, writeStateFile } from './state-file.js'

/**
 * The telemetry state file: the installation key (for the keyed configuration hash), when the
 * last report and version check ran (so that a crash loop does not send more than once a day),
 * and the last reports actually sent (the audit trail). Losing it is never fatal.
 */

export interface SentReport {
  /** ISO time the report was sent. */
  readonly at: string
  readonly url: string
  /** The server's HTTP status. */
  readonly status: number
  /** Hex SHA-256 of the exact body sent. */
  readonly bodySha256: string
}

export interface TelemetryState {
  /** 64 hex characters: 32 random bytes, created once per installation. */
  readonly installationKey: string
  readonly lastReportAt?: string
  readonly lastCheckAt?: string
  /** Newest last, at most 10. */
  readonly reports: readonly SentReport[]
}

export interface StatePathOptions {
  /** Names the folder: `<product>/telemetry.json`. */
  readonly product?: string
  /** The variable that overrides the whole path; defaults to `<PRODUCT>_TELEMETRY_STATE`. */
  readonly envVar?: string
}

/** `$<PRODUCT>_TELEMETRY_STATE`, else `$XDG_STATE_HOME/<product>/telemetry.json`, else `<home>/.local/state/<product>/telemetry.json`. */
export function defaultStatePath(
  env: Record<string, string | undefined>,
  home: string,
  { product = 'baqup', envVar = `${product.toUpperCase()}_TELEMETRY_STATE` }: StatePathOptions = {},
): string {
  const override = env[envVar]
  if (override) return override
  // The XDG specification says a relative value is invalid and must be ignored.
  const stateHome = env.XDG_STATE_HOME
  if (stateHome && isAbsolute(stateHome)) return join(stateHome, product, 'telemetry.json')
  return join(home, '.local', 'state', product, 'telemetry.json')
}

/** States that could not be written, by path: the per-process key stays the same for the whole process. */
const inMemory = new Map<string, TelemetryState>()
const announced = new Set<string>()

const copy = (state: TelemetryState): TelemetryState => structuredClone(state) as TelemetryState

function keepInMemory(path: string, state: TelemetryState): void {
  inMemory.set(path, copy(state))
}

/**
 * Reads the state, creating it (folder 0700, file 0600) when missing and replacing it when
 * corrupt or unreadable. When it cannot be written, the state lives in memory with a key for
 * this process only (`persistent: false`), which is said once at debug level.
 */
export function openState(
  path: string,
  logger?: { debug(message: string): void },
): { state: TelemetryState; persistent: boolean } {
  const read = readStateFile(path)
  if (read.state) return { state: read.state, persistent: true }
  const remembered = inMemory.get(path)
  const state = remembered ? copy(remembered) : newState()
  const written = writeStateFile(path, state)
  if (written.ok) {
    inMemory.delete(path)
    if (read.problem !== 'missing')
      logger?.debug(`telemetry state at ${path} was ${read.problem}: replaced with a new one`)
    return { state, persistent: true }
  }
  keepInMemory(path, state)
  if (!announced.has(path)) {
    announced.add(path)
    logger?.debug(
      `telemetry state cannot be written at ${path} (${written.code}): using a key for this process only, so the configuration hash will change at each start`,
    )
  }
  return { state, persistent: false }
}

/**
 * Read-modify-write of the state, written atomically. Keeps the newest 10 reports. Never throws
 * on I/O: when the file cannot be written, the changed state is kept in memory and returned.
 */
export function updateState(path: string, change: (state: TelemetryState) => TelemetryState): TelemetryState {
  const read = readStateFile(path)
  const remembered = inMemory.get(path)
  const current = read.state ?? (remembered ? copy(remembered) : newState())
  const changed = change(current)
  const next: TelemetryState = { ...changed, reports: changed.reports.slice(-MAX_REPORTS) }
  if (writeStateFile(path, next).ok) inMemory.delete(path)
  else keepInMemory(path, next)
  return next
}
