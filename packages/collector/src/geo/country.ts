import { countries } from 'countries-list'
import { Reader, type Response } from 'mmdb-lib'

/** The closed set of country codes an answer may hold: ISO 3166-1 alpha-2, as countries-list has them. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(countries))

/** A code of the closed set, or '' for anything else the data may hold (`EU`, `ZZ`, a number, nothing). */
export const knownCountry = (value: unknown): string =>
  typeof value === 'string' && COUNTRY_CODES.has(value) ? value : ''

/** Decoded records kept by their offset in the file: a country file holds a few hundred of them. */
const CACHE_LIMIT = 10_000

/**
 * The country of an address (its text, IPv4 or IPv6, as mmdb-lib reads it) from an MMDB whose records
 * are `{ country_code }` (ip-location-db's geo-whois-asn-country), or ''.
 */
export function countryReader(db: Buffer): (address: string) => string {
  const decoded = new Map<number | string, unknown>()
  const cache = {
    get: (key: number | string) => decoded.get(key),
    set: (key: number | string, value: unknown) => {
      if (decoded.size >= CACHE_LIMIT) decoded.clear()
      decoded.set(key, value)
    },
  }
  const reader = new Reader<Response>(db, { cache })
  // The records are not one of MaxMind's response types that mmdb-lib names: read the one field.
  return (address) => {
    try {
      return knownCountry((reader.get(address) as { country_code?: unknown } | null)?.country_code)
    } catch {
      // A damaged file can fail one search; that address has no country, the request goes on.
      return ''
    }
  }
}
