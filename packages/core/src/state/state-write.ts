import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { FileIdentity } from './state-file.js'
import type { TelemetryState } from './telemetry-state.js'

/**
 * Writing the state file atomically: the whole state goes to a new file beside the target, then
 * takes the target's place in one step, so that readers see the old file or the new one, never
 * half of one. Nothing at the target is ever opened for writing or changed in place: the only
 * file given a mode is the one this process has just created.
 */

/** `create`: only where nothing stands yet. A file identity: over that file only, if it still stands there. */
export type WriteTarget = 'create' | FileIdentity

export type WriteResult = { ok: true } | { ok: false; taken: true } | { ok: false; taken?: undefined; code: string }

/** Always a new file: never through a link, never an existing file. */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)
/** Where link(2) is not offered (some network and FUSE file systems), creating falls back to renaming. */
const NO_LINK_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'unknown error'

/** The identity of what stands at the path now, undefined when nothing does. */
function standing(path: string): FileIdentity | undefined {
  try {
    const { dev, ino } = lstatSync(path)
    return { dev, ino }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  }
}

/** A hidden name beside the target, short enough to be valid wherever the target's name is. */
function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path).slice(0, 64)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

function fill(fd: number, state: TelemetryState): void {
  try {
    // This process created it just now: the umask may have taken bits away, never added any.
    fchmodSync(fd, 0o600)
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Links the finished file in where nothing stands; false when something got there first. */
function createAt(temporary: string, path: string): 'placed' | 'moved' | 'taken' {
  try {
    linkSync(temporary, path)
    return 'placed'
  } catch (error) {
    const code = errorCode(error)
    if (code === 'EEXIST') return 'taken'
    if (!NO_LINK_CODES.has(code)) throw error
  }
  if (standing(path)) return 'taken'
  renameSync(temporary, path)
  return 'moved'
}

/** Renames the finished file over the one read before, unless another now stands in its place. */
function replaceAt(temporary: string, path: string, expected: FileIdentity): 'moved' | 'taken' {
  const now = standing(path)
  if (!now || now.dev !== expected.dev || now.ino !== expected.ino) return 'taken'
  renameSync(temporary, path)
  return 'moved'
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone, or nothing more can be done.
  }
}

/**
 * Puts `state` at `path`: created (folder 0700 when missing, file 0600) only where nothing stands,
 * or replacing the file identified by `target`. `taken` when another file stands there (created or
 * swapped in meanwhile): nothing is written. The error code when the location cannot be written.
 * Never throws, and never leaves its temporary file behind.
 */
export function writeStateFile(path: string, state: TelemetryState, target: WriteTarget): WriteResult {
  const temporary = temporaryBeside(path)
  let created = false
  let moved = false
  try {
    if (target === 'create') mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    const fd = openSync(temporary, CREATE_FLAGS, 0o600)
    created = true
    fill(fd, state)
    const outcome = target === 'create' ? createAt(temporary, path) : replaceAt(temporary, path, target)
    moved = outcome === 'moved'
    return outcome === 'taken' ? { ok: false, taken: true } : { ok: true }
  } catch (error) {
    return { ok: false, code: errorCode(error) }
  } finally {
    if (created && !moved) removeQuietly(temporary)
  }
}
