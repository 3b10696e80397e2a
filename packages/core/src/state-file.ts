import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SentReport, TelemetryState } from './state.js'
import { isRecord } from './values.js'

/** The state file on disk: a strict reader (anything odd is "corrupt") and an atomic writer. */

export const MAX_REPORTS = 10
/** A state file is a few kilobytes; anything much larger is not ours. */
const MAX_STATE_BYTES = 1024 * 1024
const HEX_64 = /^[0-9a-f]{64}$/

/**
 * `missing`: nothing at the path. `corrupt`: a regular file that is not a state (ours to replace).
 * `unreadable`: something is there that cannot be read, or is not a regular file (`/dev/null`,
 * a folder, a pipe): it is not ours to replace.
 */
export type ReadProblem = 'missing' | 'corrupt' | 'unreadable'

export type ReadResult =
  | { readonly state: TelemetryState; readonly problem?: undefined }
  | { readonly state?: undefined; readonly problem: ReadProblem; readonly code?: string }

/** Nothing exists at the path (or above it): a new state may be created there. */
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR'])
/** Non-blocking: opening a named pipe that nobody writes to must not wait. No effect on a regular file. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK
const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value))

function isReport(value: unknown): value is SentReport {
  return (
    isRecord(value) &&
    isTime(value.at) &&
    typeof value.url === 'string' &&
    Number.isInteger(value.status) &&
    typeof value.bodySha256 === 'string' &&
    HEX_64.test(value.bodySha256)
  )
}

export function newState(): TelemetryState {
  return { installationKey: randomBytes(32).toString('hex'), reports: [] }
}

/** Keeps what is well-formed; a state without a valid key is not a state. */
export function parseState(text: string): TelemetryState | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(value) || typeof value.installationKey !== 'string' || !HEX_64.test(value.installationKey))
    return undefined
  const reports = Array.isArray(value.reports) ? value.reports.filter(isReport) : []
  return {
    installationKey: value.installationKey,
    ...(isTime(value.lastReportAt) && { lastReportAt: value.lastReportAt }),
    ...(isTime(value.lastCheckAt) && { lastCheckAt: value.lastCheckAt }),
    reports: reports.slice(-MAX_REPORTS).map(({ at, url, status, bodySha256 }) => ({ at, url, status, bodySha256 })),
  }
}

function tighten(fd: number): void {
  try {
    fchmodSync(fd, 0o600)
  } catch {
    // Not ours to change (another owner): reading it is still fine.
  }
}

/** Reads to the end of the file (a single read may return less), one byte past the limit at most. */
function readAll(fd: number): Buffer | undefined {
  const buffer = Buffer.alloc(MAX_STATE_BYTES + 1)
  let length = 0
  for (let read = -1; read !== 0 && length < buffer.length; length += read) {
    read = readSync(fd, buffer, length, buffer.length - length, null)
  }
  return length > MAX_STATE_BYTES ? undefined : buffer.subarray(0, length)
}

/** Reads and checks the state file; never writes it (a looser file mode is tightened, though). */
export function readStateFile(path: string): ReadResult {
  let fd: number
  try {
    fd = openSync(path, READ_FLAGS)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code && ABSENT_CODES.has(code) ? { problem: 'missing' } : { problem: 'unreadable', code }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { problem: 'unreadable', code: 'not a regular file' }
    if (stat.size > MAX_STATE_BYTES) return { problem: 'corrupt' }
    // Only the owner should read the key: a looser file (copied, restored from a backup) is tightened.
    if ((stat.mode & 0o077) !== 0) tighten(fd)
    const bytes = readAll(fd)
    const state = bytes && parseState(bytes.toString('utf8'))
    return state ? { state } : { problem: 'corrupt' }
  } catch (error) {
    return { problem: 'unreadable', code: (error as NodeJS.ErrnoException).code }
  } finally {
    closeSync(fd)
  }
}

/** Where link(2) is not offered (some network and FUSE file systems), creating falls back to renaming. */
const NO_LINK_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

/**
 * Puts the finished temporary file at the target. `replace` renames over whatever is there;
 * `create` links it in only if nothing is there yet, so that two processes creating the state at
 * once agree on one installation key: false when another file got there first.
 */
function publish(temporary: string, path: string, how: WriteMode): boolean {
  if (how === 'create') {
    const created = linked(temporary, path)
    if (created !== undefined) {
      removeQuietly(temporary)
      return created
    }
  }
  renameSync(temporary, path)
  return true
}

/** Undefined when the file system offers no hard links; false when the target exists. */
function linked(existing: string, path: string): boolean | undefined {
  try {
    linkSync(existing, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (code === 'EEXIST') return false
    if (NO_LINK_CODES.has(code)) return undefined
    throw error
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone, or nothing more can be done: a stale temporary file is harmless.
  }
}

/** `create`: only where no file is yet. `replace`: over the file that is there. */
export type WriteMode = 'create' | 'replace'

export type WriteResult = { ok: true } | { ok: false; taken: true } | { ok: false; taken?: undefined; code: string }

/**
 * Writes the whole state to a new file beside the target (mode 0600), then puts it at the target
 * in one step: readers see the old file or the new one, never half of one. `taken` when
 * creating and another file got there first; the error code when the location cannot be
 * written. Never throws.
 */
export function writeStateFile(path: string, state: TelemetryState, how: WriteMode = 'replace'): WriteResult {
  const directory = dirname(path)
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let created = false
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 })
    const fd = openSync(temporary, 'wx', 0o600)
    created = true
    try {
      fchmodSync(fd, 0o600)
      writeSync(fd, `${JSON.stringify(state, null, 2)}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return publish(temporary, path, how) ? { ok: true } : { ok: false, taken: true }
  } catch (error) {
    if (created) removeQuietly(temporary)
    return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'unknown error' }
  }
}
