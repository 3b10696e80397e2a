import { type FileHandle, open, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { GeoDataError } from './errors.js'

/**
 * The data shipped in npm packages, found where the collector's own dependencies resolve (from `src`,
 * `dist`, or a packed and installed copy alike). Newer files in the same formats are on the project's
 * releases (https://github.com/sapics/ip-location-db/releases); an operator names them instead.
 */
const COUNTRY = { name: '@ip-location-db/geo-whois-asn-country-mmdb', file: 'geo-whois-asn-country.mmdb' }
const ASN = { name: '@ip-location-db/asn', files: ['asn-ipv4-num.csv', 'asn-ipv6-num.csv'] }

const require = createRequire(import.meta.url)

function packageFolder(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch (cause) {
    throw new GeoDataError(name, 'the package is not installed beside the collector', { cause })
  }
}

export const defaultCountryFile = (): string => join(packageFolder(COUNTRY.name), COUNTRY.file)
export const defaultAsnFiles = (): string[] => ASN.files.map((file) => join(packageFolder(ASN.name), file))

/** A GeoDataError for a file that could not be read, saying why. */
function unreadable(file: string, cause: unknown): GeoDataError {
  const code = (cause as NodeJS.ErrnoException).code
  const problem = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'
  return new GeoDataError(file, `${problem} (${cause instanceof Error ? cause.message : String(cause)})`, { cause })
}

/** The whole file, or a GeoDataError that names it. */
export async function readDataFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (cause) {
    throw unreadable(file, cause)
  }
}

const NEWLINE = 0x0a
/** The most a chunk of lines holds: a line longer than that is no line of these files. */
const CHUNK_BYTES = 1 << 20

/**
 * The file's whole lines, a chunk at a time, each chunk handed to `read` with the number of the
 * lines before it: a large file is never in memory at once (the ASN files are 32 MB together).
 */
export async function readDataLines(file: string, read: (lines: Buffer, before: number) => number): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(file)
  } catch (cause) {
    throw unreadable(file, cause)
  }
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  try {
    let kept = 0
    let before = 0
    for (;;) {
      let bytesRead: number
      try {
        ;({ bytesRead } = await handle.read(chunk, kept, CHUNK_BYTES - kept, null))
      } catch (cause) {
        throw unreadable(file, cause)
      }
      const filled = kept + bytesRead
      const whole = bytesRead === 0 ? filled : chunk.lastIndexOf(NEWLINE, filled - 1) + 1
      if (whole === 0 && filled === CHUNK_BYTES)
        throw new GeoDataError(file, `line ${before + 1}: longer than ${CHUNK_BYTES} bytes`)
      before += read(chunk.subarray(0, whole), before)
      chunk.copy(chunk, 0, whole, filled)
      kept = filled - whole
      if (bytesRead === 0) return
    }
  } finally {
    await handle.close()
  }
}
