import { randomBytes } from 'node:crypto'
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs'
import { isRecord } from '../report/values.js'
import { parseSentReport } from './sent-report.js'
import type { TelemetryState } from './telemetry-state.js'

/**
 * Reading the state file. What stands at the path is sorted into what may be replaced and what
 * must be left alone: only a JSON object with an `installationKey` member is ours. A valid one
 * is the state; one whose key is malformed is `corrupt` and may be replaced. Anything else (a
 * symbolic link, which is never followed, a folder, a pipe, an empty file, any other file) is
 * `foreign` and never written over: our writer only ever puts a finished file there, so a file
 * without our marker was not written by us.
 */

export const MAX_REPORTS = 10
/** A state file is a few kilobytes; anything much larger is not ours. */
const MAX_STATE_BYTES = 1024 * 1024
const HEX_64 = /^[0-9a-f]{64}$/
/** The member that marks a JSON file as a telemetry state, valid or not. */
const MARKER = 'installationKey'

/** Which file was read: a write replaces it only if it still stands at the path. */
export interface FileIdentity {
  readonly dev: number
  readonly ino: number
}

/**
 * A state, else what stands in the way. `missing`: nothing at the path. `corrupt`: our file with
 * a malformed key (ours to replace). `foreign`: something that is not a state file (`code` says
 * what). `unreadable`: something that cannot be read (`code`: the error). Neither of the last two
 * is ever written over.
 */
export type ReadResult =
  | {
      readonly state: TelemetryState
      readonly identity: FileIdentity
      readonly loose: boolean
      readonly problem?: never
    }
  | { readonly problem: 'corrupt'; readonly identity: FileIdentity; readonly state?: never }
  | { readonly problem: 'missing'; readonly state?: never }
  | { readonly problem: 'foreign' | 'unreadable'; readonly code: string; readonly state?: never }

/** Nothing exists at the path (or above it): a new state may be created there. */
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR'])
/**
 * Never through a symbolic link (checked before, and again by the open itself), and never waiting
 * on a named pipe swapped in meanwhile. No effect on a regular file.
 */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0)
const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value))

export function newState(): TelemetryState {
  return { installationKey: randomBytes(32).toString('hex'), reports: [] }
}

/** A JSON object carrying our marker, else undefined (not ours). */
function ours(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) && Object.hasOwn(value, MARKER) ? value : undefined
  } catch {
    return undefined
  }
}

/** Keeps what is well-formed; a state without a valid key is not a state. */
export function parseState(text: string): TelemetryState | undefined {
  const value = ours(text)
  return value && stateOf(value)
}

function stateOf(value: Record<string, unknown>): TelemetryState | undefined {
  if (typeof value.installationKey !== 'string' || !HEX_64.test(value.installationKey)) return undefined
  const reports = Array.isArray(value.reports) ? value.reports.flatMap((entry) => parseSentReport(entry) ?? []) : []
  return {
    installationKey: value.installationKey,
    ...(isTime(value.lastReportAt) && { lastReportAt: value.lastReportAt }),
    ...(isTime(value.lastCheckAt) && { lastCheckAt: value.lastCheckAt }),
    reports: reports.slice(-MAX_REPORTS),
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

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'unknown error'
const foreign = (code: string): ReadResult => ({ problem: 'foreign', code })

/** What the entry at the path is, without following it. */
function classify(stat: Stats): ReadResult | undefined {
  if (stat.isSymbolicLink()) return foreign('a symbolic link')
  if (!stat.isFile()) return foreign('not a regular file')
  if (stat.size > MAX_STATE_BYTES) return foreign('not a telemetry state file')
  return undefined
}

function readOpened(fd: number): ReadResult {
  const stat = fstatSync(fd)
  const opened = classify(stat)
  if (opened) return opened
  const bytes = readAll(fd)
  const value = bytes && ours(bytes.toString('utf8'))
  if (!value) return foreign('not a telemetry state file')
  const identity = { dev: stat.dev, ino: stat.ino }
  const state = stateOf(value)
  // Only the owner should read the key: a looser file (copied, restored) is rewritten by its opener.
  return state ? { state, identity, loose: (stat.mode & 0o077) !== 0 } : { problem: 'corrupt', identity }
}

function failed(error: unknown): ReadResult {
  const code = errorCode(error)
  return ABSENT_CODES.has(code) ? { problem: 'missing' } : { problem: 'unreadable', code }
}

/** Reads and sorts what stands at the path; never writes, never changes a mode, never follows a link. */
export function readStateFile(path: string): ReadResult {
  let stat: Stats
  try {
    stat = lstatSync(path)
  } catch (error) {
    return failed(error)
  }
  const seen = classify(stat)
  if (seen) return seen
  let fd: number
  try {
    fd = openSync(path, READ_FLAGS)
  } catch (error) {
    // A symbolic link swapped in between the look and the open.
    return errorCode(error) === 'ELOOP' ? foreign('a symbolic link') : failed(error)
  }
  try {
    return readOpened(fd)
  } catch (error) {
    return { problem: 'unreadable', code: errorCode(error) }
  } finally {
    closeSync(fd)
  }
}
