import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs'
import { ConfigError } from './errors.js'
import { LIMITS } from './limits.js'

/** What a path is, in words, when it is not a regular file (a FIFO would block a read forever). */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  return 'not a file'
}

const notRegular = (source: string, stats: Stats) =>
  new ConfigError({ code: 'file-error', origin: { source }, problem: `not a regular file: ${kindOf(stats)}` })

/**
 * True for a regular file (or a symbolic link to one); false when nothing can be found there.
 * Anything else is refused: a search must not skip it silently and read another file instead.
 */
export function isRegularFile(path: string): boolean {
  let stats: Stats
  try {
    stats = statSync(path)
  } catch {
    return false
  }
  if (!stats.isFile()) throw notRegular(path, stats)
  return true
}

function systemProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'file not found'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'a directory, not a file'
  return `cannot be read (${code ?? 'unknown error'})`
}

const tooLarge = (source: string) =>
  new ConfigError({
    code: 'file-error',
    origin: { source },
    problem: `larger than ${LIMITS.maxFileBytes} bytes: refused`,
  })

/**
 * The bytes of an open file, in a buffer sized from what `fstat` said plus one byte, grown
 * when the file holds more (a file growing while read, a `/proc` file that says 0) up to one
 * byte past the limit, where it is refused.
 */
function readAll(fd: number, expectedSize: number, source: string): Buffer {
  let buffer = Buffer.alloc(Math.min(expectedSize, LIMITS.maxFileBytes) + 1)
  let length = 0
  for (;;) {
    if (length === buffer.length) {
      if (length > LIMITS.maxFileBytes) throw tooLarge(source)
      const larger = Buffer.alloc(Math.min(buffer.length * 2, LIMITS.maxFileBytes + 1))
      buffer.copy(larger)
      buffer = larger
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null)
    if (read === 0) return buffer.subarray(0, length)
    length += read
  }
}

/**
 * Opening never waits (a FIFO without a writer would block `open` itself) and never makes a
 * terminal the controlling one. The type is checked on the descriptor, so a path swapped after
 * the first check is still refused.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/** Reads a configuration file as bytes: a regular file (or a link to one), at most 1 MiB. */
export function readConfigBytes(path: string): Buffer {
  const origin = { source: path }
  let fd: number
  try {
    // Checked before opening too: opening some devices has effects of its own.
    const stats = statSync(path)
    if (!stats.isFile()) throw notRegular(path, stats)
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError({ code: 'file-error', origin, problem: systemProblem(error) })
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw notRegular(path, stats)
    if (stats.size > LIMITS.maxFileBytes) throw tooLarge(path)
    return readAll(fd, stats.size, path)
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError({ code: 'file-error', origin, problem: systemProblem(error) })
  } finally {
    closeSync(fd)
  }
}

export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.includes(0))
    throw new ConfigError({ code: 'file-error', origin: { source }, problem: 'contains NUL bytes: not a text file' })
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new ConfigError({ code: 'file-error', origin: { source }, problem: 'not UTF-8 text (a binary file?)' })
  }
}

/** Reads a configuration file as text: a regular file, at most 1 MiB, UTF-8 without NUL bytes. */
export function readConfigText(path: string): string {
  return decodeText(readConfigBytes(path), path)
}
