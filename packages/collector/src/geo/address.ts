/**
 * An address as the lookups need it: IPv4 as one 32-bit number, IPv6 as its top 64 bits (two 32-bit
 * halves: the ASN table is kept by /64), and the text the country database is asked with. Parsing is
 * strict and never throws: anything that is not an address is undefined.
 */
export type Address =
  | { readonly family: 4; readonly value: number; readonly text: string }
  | { readonly family: 6; readonly high: number; readonly low: number; readonly text: string }

const HEX_GROUP = /^[0-9a-f]{1,4}$/i
const DOT = 0x2e
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39

/** `1.2.3.4` as an unsigned 32-bit number; leading zeros (`01.2.3.4`, octal to some parsers) are refused. */
export function ipv4Value(text: string): number | undefined {
  let value = 0
  let part = 0
  let digits = 0
  let dots = 0
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      if (digits === 1 && part === 0) return undefined
      part = part * 10 + (code - DIGIT_0)
      if (++digits > 3 || part > 255) return undefined
    } else if (code === DOT && digits > 0 && dots < 3) {
      value = value * 256 + part
      part = 0
      digits = 0
      dots++
    } else {
      return undefined
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + part : undefined
}

export const ipv4Text = (value: number) =>
  `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail as two groups). */
export function ipv6Groups(text: string): number[] | undefined {
  let body = text
  const tail: number[] = []
  if (body.includes('.')) {
    const colon = body.lastIndexOf(':')
    const value = ipv4Value(body.slice(colon + 1))
    if (colon === -1 || value === undefined) return undefined
    tail.push(value >>> 16, value & 0xffff)
    // `::ffff:1.2.3.4` leaves `::ffff:`, `::1.2.3.4` leaves `::`
    body = body.endsWith('::', colon + 1) ? body.slice(0, colon + 1) : body.slice(0, colon)
  }
  const halves = body.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'))
  const head = groupsOf(halves[0] ?? '')
  const rest = halves.length === 2 ? groupsOf(halves[1] ?? '') : []
  const written = head.length + rest.length + tail.length
  if (halves.length === 2 ? written > 7 : written !== 8) return undefined
  if (!head.every((group) => HEX_GROUP.test(group)) || !rest.every((group) => HEX_GROUP.test(group))) return undefined
  const hex = (group: string) => Number.parseInt(group, 16)
  return [...head.map(hex), ...new Array<number>(8 - written).fill(0), ...rest.map(hex), ...tail]
}

const isMapped = (groups: readonly number[]) =>
  groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff

/** IPv4, IPv6, IPv4-mapped IPv6 (`::ffff:1.2.3.4`, an IPv4 address) and a zone suffix (`%eth0`, dropped). */
export function parseAddress(input: string): Address | undefined {
  if (typeof input !== 'string' || input.length > 100) return undefined
  const percent = input.indexOf('%')
  const text = percent === -1 ? input : input.slice(0, percent)
  if (!text.includes(':')) {
    const value = ipv4Value(text)
    return value === undefined ? undefined : { family: 4, value, text }
  }
  const groups = ipv6Groups(text)
  if (!groups) return undefined
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, , , g6 = 0, g7 = 0] = groups
  if (isMapped(groups)) {
    const value = (g6 * 0x10000 + g7) >>> 0
    return { family: 4, value, text: ipv4Text(value) }
  }
  return { family: 6, high: (g0 * 0x10000 + g1) >>> 0, low: (g2 * 0x10000 + g3) >>> 0, text }
}
