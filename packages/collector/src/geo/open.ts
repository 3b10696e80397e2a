import { ipv4Text, parseAddress } from './address.js'
import { type AsKind, type KindSource, kindOf } from './as-kinds.js'
import { readAsnCsv } from './asn-csv.js'
import { countryReader } from './country.js'
import { GeoDataError } from './errors.js'
import { defaultAsnFiles, defaultCountryFile, readDataFile, readDataLines } from './files.js'
import { isPublic } from './public.js'
import { RangeBuilder, type RangeTable } from './range-table.js'

export interface GeoOptions {
  /** An MMDB of `{ country_code }` records; by default geo-whois-asn-country.mmdb of its npm package. */
  countryFile?: string
  /** ASN CSVs (`start,end,asn,organization`, addresses or numbers); by default those of @ip-location-db/asn. */
  asnFiles?: readonly string[]
}

/** What is kept of an address: an ISO 3166-1 alpha-2 code or '', an AS number or 0. */
export interface Located {
  country: string
  asn: number
}

export interface Organization {
  /** As the data spells it. */
  name: string
  kind: AsKind
  kindFrom: KindSource
}

/** A range of the ASN data: IPv4 addresses, or IPv6 by /64 (first and last address of the /64s). */
export interface AsnRange {
  family: 4 | 6
  first: string
  last: string
  asn: number
}

export interface Geo {
  /** Never throws: an address that is not one, or not public, is `{ country: '', asn: 0 }`. */
  lookup(address: string): Located
  organization(asn: number): Organization | undefined
  /** The ranges of the ASN data, IPv4 then IPv6, in order. */
  ranges(): Generator<AsnRange>
}

/** Reads the databases into memory; a file that is missing, unreadable or malformed is a GeoDataError. */
export async function openGeo(options: GeoOptions = {}): Promise<Geo> {
  const countryFile = options.countryFile ?? defaultCountryFile()
  const asnFiles = options.asnFiles ?? defaultAsnFiles()
  const country = countryOf(countryFile, await readDataFile(countryFile))
  const tables = {
    ipv4: new RangeBuilder(1, 1 << 19),
    ipv6: new RangeBuilder(2, 1 << 17),
    names: new Map<number, string>(),
  }
  for (const file of asnFiles) await readDataLines(file, (lines, before) => readAsnCsv(lines, file, tables, before))
  const ipv4 = tables.ipv4.build()
  const ipv6 = tables.ipv6.build()
  const { names } = tables

  return {
    lookup(text) {
      const address = parseAddress(text)
      if (!address || !isPublic(address)) return { country: '', asn: 0 }
      const asn = address.family === 4 ? ipv4.find(address.value) : ipv6.find(address.high, address.low)
      return { country: country(address.text), asn }
    },
    organization(asn) {
      const name = names.get(asn)
      return name === undefined ? undefined : { name, ...kindOf(asn, name) }
    },
    *ranges() {
      yield* rangesOf(ipv4, 4)
      yield* rangesOf(ipv6, 6)
    },
  }
}

function countryOf(file: string, db: Buffer): (address: string) => string {
  try {
    return countryReader(db)
  } catch (cause) {
    throw new GeoDataError(file, `not an MMDB database (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    })
  }
}

const hex = (word: number) => [(word >>> 16).toString(16), (word & 0xffff).toString(16)]

function* rangesOf(table: RangeTable, family: 4 | 6): Generator<AsnRange> {
  for (const { start, end, asn } of table.entries()) {
    if (family === 4) {
      yield { family, first: ipv4Text(start[0] ?? 0), last: ipv4Text(end[0] ?? 0), asn }
    } else {
      const prefix = (words: readonly number[]) => words.flatMap(hex).join(':')
      yield { family, first: `${prefix(start)}::`, last: `${prefix(end)}:ffff:ffff:ffff:ffff`, asn }
    }
  }
}
