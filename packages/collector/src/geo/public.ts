import { type Address, ipv4Value, ipv6Groups } from './address.js'

/**
 * Addresses that are never a client's own public network, whatever the data says about them
 * (IANA's special-purpose address registries). A lookup of one of them answers nothing.
 */
const NOT_PUBLIC_IPV4: readonly (readonly [cidr: string, why: string])[] = [
  ['0.0.0.0/8', '"this network" (RFC 791)'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'shared address space of carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved, with the broadcast address 255.255.255.255'],
]

/**
 * IPv6 is public only inside 2000::/3, the global unicast space (RFC 4291): outside it are the unspecified
 * address and loopback, NAT64 64:ff9b::/96, discard 100::/64, unique local fc00::/7, link-local fe80::/10
 * and multicast ff00::/8. Inside it, these. Every prefix here is /32 or shorter, so the first 32 bits decide.
 */
const GLOBAL_UNICAST = '2000::/3'
const NOT_PUBLIC_IPV6: readonly (readonly [cidr: string, why: string])[] = [
  ['2001::/23', 'IETF protocol assignments: Teredo, benchmarking, ORCHID, AS112'],
  ['2001:db8::/32', 'documentation (RFC 3849)'],
  ['3fff::/20', 'documentation (RFC 9637)'],
]

/** The first and last values of a prefix over 32 bits: an IPv4 address, or the first 32 bits of an IPv6 one. */
function span(cidr: string): readonly [first: number, last: number] {
  const [address = '', length = ''] = cidr.split('/')
  const bits = Number(length)
  const groups = address.includes(':') ? ipv6Groups(address) : undefined
  const value = groups ? (groups[0] ?? 0) * 0x10000 + (groups[1] ?? 0) : ipv4Value(address)
  if (value === undefined || !(bits >= 0 && bits <= 32)) throw new Error(`not a /0–/32 prefix: ${cidr}`)
  const size = 2 ** (32 - bits)
  const first = value - (value % size)
  return [first, first + size - 1]
}

const spans4 = NOT_PUBLIC_IPV4.map(([cidr]) => span(cidr))
const spans6 = NOT_PUBLIC_IPV6.map(([cidr]) => span(cidr))
const [unicastFirst, unicastLast] = span(GLOBAL_UNICAST)
const within = (spans: readonly (readonly [number, number])[], value: number) =>
  spans.some(([first, last]) => value >= first && value <= last)

export function isPublic(address: Address): boolean {
  if (address.family === 4) return !within(spans4, address.value)
  return address.high >= unicastFirst && address.high <= unicastLast && !within(spans6, address.high)
}

/**
 * AS numbers that name no one's public network (IANA's special-purpose AS numbers registry), and
 * those at 2^31 and above: none is allocated (IANA's 32-bit blocks to the registries end far below)
 * and a store's AS column holds up to 2^31 - 1. A range the data gives one of them is kept as no AS.
 */
const NOT_PUBLIC_ASNS: readonly (readonly [first: number, last: number, why: string])[] = [
  [0, 0, 'reserved (RFC 7607)'],
  [23_456, 23_456, 'AS_TRANS (RFC 6793)'],
  [64_496, 64_511, 'documentation (RFC 5398)'],
  [64_512, 65_534, 'private use (RFC 6996)'],
  [65_535, 65_535, 'reserved (RFC 7300)'],
  [65_536, 65_551, 'documentation (RFC 5398)'],
  [2 ** 31, 4_294_967_295, 'unallocated; private use from 4 200 000 000 (RFC 6996), reserved last (RFC 7300)'],
]

const asnSpans = NOT_PUBLIC_ASNS.map(([first, last]) => [first, last] as const)

export const isPublicAsn = (asn: number) => !within(asnSpans, asn)
