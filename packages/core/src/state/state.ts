import { isAbsolute, join } from 'node:path'
import { MAX_REPORTS, newState, type ReadResult, readStateFile } from './state-file.js'
import { writeStateFile } from './state-write.js'
import type { TelemetryState } from './telemetry-state.js'

/**
 * The telemetry state file: the installation key (for the keyed configuration hash), when the
 * last report and version check ran (so that a crash loop does not send more than once a day),
 * and the last reports actually sent (the audit trail). Losing it is never fatal.
 */

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

/** The part of a logger the state uses: what stands in the way is a warning, the rest is debug. */
export interface StateLogger {
  debug(message: string): void
  warn?(message: string): void
}

/**
 * States kept in memory, by path, when the file cannot be written or is not ours to replace: the
 * key for this process only stays the same for the whole process.
 */
const inMemory = new Map<string, TelemetryState>()
/** Paths whose in-memory fallback was already said (to a logger). */
const announced = new Set<string>()
/**
 * Another process may write the file between our read and our write: then we read again. One
 * write lands per round, so a few rounds settle a crowd started together; past them, memory.
 */
const MAX_ATTEMPTS = 10

/** Keeps `state` in memory for this process and says so once per path (to the first logger given). */
function keepInMemory(
  path: string,
  state: TelemetryState,
  why: string,
  logger: StateLogger | undefined,
  level: 'debug' | 'warn' = 'debug',
): TelemetryState {
  inMemory.set(path, state)
  if (!logger || announced.has(path)) return state
  announced.add(path)
  const message = `telemetry state ${why}: using a key for this process only, so the configuration hash will change at each start`
  if (level === 'warn' && logger.warn) logger.warn(message)
  else logger.debug(message)
  return state
}

const unreadable = (path: string, code: string) => `at ${path} cannot be read (${code}) and is left as it is`
const foreign = (path: string, what: string) => `at ${path} is left as it is (${what})`
const unsettled = (path: string) => `at ${path} kept changing while being written`

type Saved = 'saved' | 'in memory' | 'raced'

/**
 * Writes `next` where `read` found the file: a missing file is created only if it is still
 * missing, a corrupt or valid one is replaced only if it is still the file read (`raced`
 * otherwise; nothing is written). What is not ours (foreign) or cannot be read is never written
 * over: `next` is kept in memory for this process, which is said once (a foreign file as a warning).
 */
function save(path: string, read: ReadResult, next: TelemetryState, logger: StateLogger | undefined): Saved {
  if (read.problem === 'unreadable') {
    keepInMemory(path, next, unreadable(path, read.code), logger)
    return 'in memory'
  }
  if (read.problem === 'foreign') {
    keepInMemory(path, next, foreign(path, read.code), logger, 'warn')
    return 'in memory'
  }
  const written = writeStateFile(path, next, 'identity' in read ? read.identity : 'create')
  if (written.ok) {
    inMemory.delete(path)
    return 'saved'
  }
  if (written.taken) return 'raced'
  keepInMemory(path, next, `cannot be written at ${path} (${written.code})`, logger)
  return 'in memory'
}

/**
 * Reads the state, creating it (folder 0700, file 0600) when missing and replacing it when
 * corrupt. When another process creates it at the same moment, both use the key of the one that
 * got there first. What stands at the path and is not a state file (a symbolic link, which is
 * never followed, or any file without our marker) is left untouched, as is a file that cannot be
 * read; then, and when the file cannot be written, the state lives in memory with a key for this
 * process only (`persistent: false`), which is said once.
 */
export function openState(path: string, logger?: StateLogger): { state: TelemetryState; persistent: boolean } {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = readStateFile(path)
    if (read.state) {
      // Only the owner should read the key: a looser file (copied, restored from a backup) is
      // replaced by a new one with mode 0600; a mode is never changed on a file we did not create.
      if (read.loose) writeStateFile(path, read.state, read.identity)
      return { state: read.state, persistent: true }
    }
    const state = inMemory.get(path) ?? newState()
    const saved = save(path, read, state, logger)
    if (saved === 'raced') continue
    if (saved === 'saved' && read.problem === 'corrupt')
      logger?.debug(`telemetry state at ${path} was corrupt: replaced with a new one`)
    return { state, persistent: saved === 'saved' }
  }
  return { state: keepInMemory(path, inMemory.get(path) ?? newState(), unsettled(path), logger), persistent: false }
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
 * on I/O: when the file cannot be written, or is not ours to write over, the changed state is
 * kept in memory and returned. When another process writes the file meanwhile, it is read and
 * changed again, so that its key and its changes are kept.
 */
export function updateState(
  path: string,
  change: (state: TelemetryState) => TelemetryState,
  logger?: StateLogger,
): TelemetryState {
  let next: TelemetryState | undefined
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = readStateFile(path)
    const changed = change(read.state ?? inMemory.get(path) ?? newState())
    next = { ...changed, reports: changed.reports.slice(-MAX_REPORTS) }
    if (save(path, read, next, logger) !== 'raced') return next
  }
  return keepInMemory(path, next ?? newState(), unsettled(path), logger)
}
