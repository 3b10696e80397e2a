import { isAbsolute, join } from 'node:path'
import { MAX_REPORTS, newState, type ReadResult, readStateFile, writeStateFile } from './state-file.js'

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

/**
 * States kept in memory, by path, when the file cannot be written or cannot be read: the key for
 * this process only stays the same for the whole process.
 */
const inMemory = new Map<string, TelemetryState>()
/** Paths whose in-memory fallback was already said (to a logger). */
const announced = new Set<string>()

type DebugLogger = { debug(message: string): void }

/** Says once per path, at debug level, that the state lives in memory; remembered only once said. */
function announceInMemory(path: string, why: string, logger: DebugLogger | undefined): void {
  if (!logger || announced.has(path)) return
  announced.add(path)
  logger.debug(
    `telemetry state ${why}: using a key for this process only, so the configuration hash will change at each start`,
  )
}

const unreadable = (path: string, code: string | undefined) =>
  `at ${path} cannot be read (${code ?? 'unknown error'}) and is left as it is`

type Saved = 'saved' | 'in memory' | 'raced'

/**
 * Writes `next` where `read` found the file: a missing file is created only if it is still
 * missing (`raced` when another process created it meanwhile; nothing is written), a corrupt one
 * is replaced, an unreadable one is never written over. When it is not written, `next` is kept
 * in memory for this process, which is said once at debug level.
 */
function save(path: string, read: ReadResult, next: TelemetryState, logger: DebugLogger | undefined): Saved {
  if (read.problem === 'unreadable') {
    inMemory.set(path, next)
    announceInMemory(path, unreadable(path, read.code), logger)
    return 'in memory'
  }
  const written = writeStateFile(path, next, read.problem === 'missing' ? 'create' : 'replace')
  if (written.ok) {
    inMemory.delete(path)
    return 'saved'
  }
  if (written.taken) return 'raced'
  inMemory.set(path, next)
  announceInMemory(path, `cannot be written at ${path} (${written.code})`, logger)
  return 'in memory'
}

/**
 * Reads the state, creating it (folder 0700, file 0600) when missing and replacing it when
 * corrupt. When another process creates it at the same moment, both use the key of the one that
 * got there first. When it exists but cannot be read, it is left untouched; when it cannot be
 * written, the state lives in memory with a key for this process only (`persistent: false`),
 * which is said once at debug level.
 */
export function openState(path: string, logger?: DebugLogger): { state: TelemetryState; persistent: boolean } {
  const read = readStateFile(path)
  if (read.state) return { state: read.state, persistent: true }
  const state = inMemory.get(path) ?? newState()
  const saved = save(path, read, state, logger)
  if (saved === 'raced') return openState(path, logger)
  if (saved === 'saved' && read.problem === 'corrupt')
    logger?.debug(`telemetry state at ${path} was corrupt: replaced with a new one`)
  return { state, persistent: saved === 'saved' }
}

/**
 * The state as it stands, for questions that change nothing (the audit trail, the last run):
 * the file's, else the one this process keeps in memory for that path, else undefined.
 * Never creates, replaces or writes the file.
 */
export function readState(path: string): TelemetryState | undefined {
  return readStateFile(path).state ?? inMemory.get(path)
}

/**
 * Read-modify-write of the state, written atomically. Keeps the newest 10 reports. Never throws
 * on I/O: when the file cannot be written, or exists but cannot be read (then it is not written
 * over), the changed state is kept in memory and returned. A state another process creates
 * meanwhile is read again and changed instead, so that its key is kept.
 */
export function updateState(
  path: string,
  change: (state: TelemetryState) => TelemetryState,
  logger?: DebugLogger,
): TelemetryState {
  const read = readStateFile(path)
  const changed = change(read.state ?? inMemory.get(path) ?? newState())
  const next: TelemetryState = { ...changed, reports: changed.reports.slice(-MAX_REPORTS) }
  return save(path, read, next, logger) === 'raced' ? updateState(path, change, logger) : next
}
