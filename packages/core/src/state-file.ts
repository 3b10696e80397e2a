import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SentReport, TelemetryState } from './state.js'

/** The state file on disk: a strict reader (anything odd is "corrupt") and an atomic writer. */

export const MAX_REPORTS = 10
/** A state file is a few kilobytes; anything much larger is not ours. */
const MAX_STATE_BYTES = 1024 * 1024
const HEX_64 = /^[0-9a-f]{64}$/

export type ReadResult =
  | { readonly state: TelemetryState }
  | { readonly state?: undefined; readonly problem: 'missing' | 'corrupt' | 'unreadable'; readonly code?: string }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
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

export function readStateFile(path: string): ReadResult {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? { problem: 'missing' } : { problem: 'unreadable', code }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile() || stat.size > MAX_STATE_BYTES) return { problem: 'corrupt' }
    // Only the owner should read the key: a looser file (copied, restored from a backup) is tightened.
    if ((stat.mode & 0o077) !== 0) tighten(fd)
    const buffer = Buffer.alloc(stat.size)
    const length = stat.size === 0 ? 0 : readSync(fd, buffer, 0, stat.size, 0)
    const state = parseState(buffer.toString('utf8', 0, length))
    return state ? { state } : { problem: 'corrupt' }
  } catch (error) {
    return { problem: 'unreadable', code: (error as NodeJS.ErrnoException).code }
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes the whole state to a new file beside the target (mode 0600) and renames it over the
 * target: readers see the old file or the new one, never half of one. Returns the error code
 * when the location cannot be written; never throws.
 */
export function writeStateFile(path: string, state: TelemetryState): { ok: true } | { ok: false; code: string } {
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
    renameSync(temporary, path)
    return { ok: true }
  } catch (error) {
    if (created) {
      try {
        unlinkSync(temporary)
      } catch {
        // Nothing more can be done: the file is already unusable, and a stale temp file is harmless.
      }
    }
    return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'unknown error' }
  }
}
