import { ipv4Value, ipv6Groups } from './address.js'
import { GeoDataError } from './errors.js'
import { isPublicAsn } from './public.js'
import type { RangeBuilder } from './range-table.js'

/** Where the rows of the ASN files go: IPv4 ranges, IPv6 ranges by /64, one name per AS number. */
export interface AsnTables {
  readonly ipv4: RangeBuilder
  readonly ipv6: RangeBuilder
  readonly names: Map<number, string>
}

const COMMA = 0x2c
const QUOTE = 0x22
const NEWLINE = 0x0a
const RETURN = 0x0d
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const WORD = 0xffffffffn

/** Reused for every field: the 32-bit words of the address just read (one for IPv4, four for IPv6). */
const startWords = new Uint32Array(4)
const endWords = new Uint32Array(4)

/**
 * Reads ip-location-db's ASN CSV: `start,end,asn,organization` per line, an inclusive range, the name
 * quoted when it holds a comma (`""` for a quote). Start and end are addresses (`1.0.0.0`,
 * `2001:200::`) or numbers (the `-num` files); each row says its own family, so any of the four files
 * (or a mix) reads the same. A number up to 2^32 - 1 is IPv4.
 *
 * IPv6 is kept by /64: a /64 belongs to the range that holds its first address. Ranges that hold no
 * /64's first address (a few sub-/64 assignments, anycast hosts) are left out.
 */
export function readAsnCsv(text: Buffer, file: string, into: AsnTables, before = 0): number {
  let line = before
  for (let at = 0; at < text.length; ) {
    line++
    let end = scan(text, at, text.length, NEWLINE)
    const next = end + 1
    if (end > at && text[end - 1] === RETURN) end--
    if (end > at) {
      const problem = readRow(text, at, end, into)
      if (problem)
        throw new GeoDataError(file, `line ${line}: ${problem}: ${text.toString('utf8', at, end).slice(0, 120)}`)
    }
    at = next
  }
  return line - before
}

function readRow(text: Buffer, at: number, end: number, { ipv4, ipv6, names }: AsnTables): string | undefined {
  const first = scan(text, at, end, COMMA)
  const second = scan(text, first + 1, end, COMMA)
  const third = scan(text, second + 1, end, COMMA)
  if (third >= end) return 'expected start,end,asn,organization'
  const family = readBound(text, at, first, startWords)
  if (family === 0 || readBound(text, first + 1, second, endWords) !== family) return 'not an address range'
  const number = digits(text, second + 1, third)
  if (!(number <= 0xffffffff)) return 'not an AS number'
  const asn = isPublicAsn(number) ? number : 0
  if (family === 4) {
    ipv4.add(startWords[0] ?? 0, 0, endWords[0] ?? 0, 0, asn)
  } else {
    // The first /64 whose first address is in the range: the start's /64, or the next one.
    const partial = startWords[2] !== 0 || startWords[3] !== 0
    let high = startWords[0] ?? 0
    let low = (startWords[1] ?? 0) + (partial ? 1 : 0)
    if (low > 0xffffffff) {
      low = 0
      high++
    }
    const endHigh = endWords[0] ?? 0
    const endLow = endWords[1] ?? 0
    if (high < endHigh || (high === endHigh && low <= endLow)) ipv6.add(high, low, endHigh, endLow, asn)
  }
  if (asn !== 0 && !names.has(asn)) {
    const quoted = text[third + 1] === QUOTE && text[end - 1] === QUOTE && end - third > 2
    const name = quoted
      ? text.toString('utf8', third + 2, end - 1).replaceAll('""', '"')
      : text.toString('utf8', third + 1, end)
    if (name) names.set(asn, name)
  }
  return undefined
}

/** The index of `byte` in [from, to), or `to`. */
function scan(text: Buffer, from: number, to: number, byte: number): number {
  let at = from
  while (at < to && text[at] !== byte) at++
  return at
}

/** The decimal number in [from, to), or NaN when it is empty or holds anything but digits. */
function digits(text: Buffer, from: number, to: number): number {
  if (from >= to) return Number.NaN
  let value = 0
  for (let at = from; at < to; at++) {
    const code = text[at] ?? 0
    if (code < DIGIT_0 || code > DIGIT_9) return Number.NaN
    value = value * 10 + (code - DIGIT_0)
  }
  return value
}

/** Reads an address or a number into `words`: 4 (one word), 6 (four words), or 0 when it is neither. */
function readBound(text: Buffer, from: number, to: number, words: Uint32Array): 0 | 4 | 6 {
  const value = digits(text, from, to)
  if (value <= 0xffffffff) {
    words[0] = value
    return 4
  }
  const field = text.toString('latin1', from, to)
  if (!Number.isNaN(value)) {
    const number = BigInt(field)
    if (number >> 128n !== 0n) return 0
    words[0] = Number(number >> 96n)
    words[1] = Number((number >> 64n) & WORD)
    words[2] = Number((number >> 32n) & WORD)
    words[3] = Number(number & WORD)
    return 6
  }
  if (field.includes(':')) {
    const groups = ipv6Groups(field)
    if (!groups) return 0
    for (let word = 0; word < 4; word++) words[word] = (groups[2 * word] ?? 0) * 0x10000 + (groups[2 * word + 1] ?? 0)
    return 6
  }
  const address = ipv4Value(field)
  if (address === undefined) return 0
  words[0] = address
  return 4
}
