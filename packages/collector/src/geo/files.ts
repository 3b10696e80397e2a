import { readFile } from 'node:fs/promises'
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

/** The whole file, or a GeoDataError that names it. */
export async function readDataFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    const problem = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'
    throw new GeoDataError(file, `${problem} (${cause instanceof Error ? cause.message : String(cause)})`, { cause })
  }
}
