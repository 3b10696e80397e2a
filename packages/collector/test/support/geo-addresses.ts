import { ipv4Text, ipv4Value } from '../../src/geo/address.js'
import type { Geo } from '../../src/geo/open.js'

/**
 * Public addresses for a test population, drawn from the ASN data so that a lookup places them where
 * the test wants them. They are only ever written into an X-Forwarded-For header: never send anything
 * to them.
 */
export interface PickedAddress {
  address: string
  /** Its /24, as the collector keeps it: `1.2.3.0/24`. */
  network: string
  country: string
  asn: number
}

/** The first whole /24 of each IPv4 range of the data, in order, with its AS number. */
function* firstNetworks(geo: Geo): Generator<{ network: number; asn: number }> {
  let previous = -1
  for (const range of geo.ranges()) {
    if (range.family !== 4) return
    const first = ipv4Value(range.first) ?? 0
    const last = ipv4Value(range.last) ?? 0
    const network = Math.ceil(first / 256) * 256
    if (network + 255 > last || network === previous) continue
    previous = network
    yield { network, asn: range.asn }
  }
}

/**
 * `networks` distinct /24s that the data places in `country`, one from each of as many ranges (so, many
 * autonomous systems), with `perNetwork` addresses in each (.1, .2, …); every address looked up.
 */
export function addressesIn(
  geo: Geo,
  { country, networks, perNetwork = 1 }: { country: string; networks: number; perNetwork?: number },
): PickedAddress[] {
  if (perNetwork < 1 || perNetwork > 254) throw new Error(`perNetwork is 1 to 254, not ${perNetwork}`)
  const picked: PickedAddress[] = []
  let found = 0
  for (const { network, asn } of firstNetworks(geo)) {
    const addresses = Array.from({ length: perNetwork }, (_, index) => ipv4Text(network + 1 + index))
    const located = addresses.map((address) => geo.lookup(address))
    if (!located.every((where) => where.country === country && where.asn === asn)) continue
    for (const address of addresses) picked.push({ address, network: `${ipv4Text(network)}/24`, country, asn })
    if (++found === networks) return picked
  }
  throw new Error(`the data has ${found} /24 networks in ${JSON.stringify(country)}, not ${networks}`)
}

/** The first `count` countries that the data gives at least `networks` such /24s (see `addressesIn`). */
export function countriesWithNetworks(geo: Geo, { networks, count }: { networks: number; count: number }): string[] {
  const tally = new Map<string, number>()
  const countries: string[] = []
  for (const { network, asn } of firstNetworks(geo)) {
    const { country, asn: found } = geo.lookup(ipv4Text(network + 1))
    if (!country || found !== asn) continue
    const seen = (tally.get(country) ?? 0) + 1
    tally.set(country, seen)
    if (seen === networks && countries.push(country) === count) return countries
  }
  throw new Error(`${countries.length} countries have ${networks} /24 networks in the data, not ${count}`)
}
