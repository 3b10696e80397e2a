import { isIP, isIPv4, isIPv6 } from 'node:net'
import type { IpMode } from '../config/schema.js'

/** What of a client address is kept: nothing, its network (/24 or /48), or all of it (`--ip=full`). */

function expandIPv6(address: string): number[] {
  const [head = '', tail] = address.split('::')
  const part = (text: string) => (text ? text.split(':').map((group) => Number.parseInt(group, 16)) : [])
  const left = part(head)
  const right = tail === undefined ? [] : part(tail)
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right]
}

export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  const ip = mapped ?? address.replace(/%.*$/, '')
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0/24`
  if (isIPv6(ip)) {
    // The first three groups; the zeros that end them join the zeros after: `2001:db8::/48`, `::/48`.
    const groups = expandIPv6(ip)
      .slice(0, 3)
      .map((group) => group.toString(16))
    while (groups.at(-1) === '0') groups.pop()
    return `${groups.join(':')}::/48`
  }
  return ''
}

/** Where an address is: its country (ISO 3166-1 alpha-2, or empty) and autonomous system (or 0). */
export type Locate = (address: string) => { country: string; asn: number }

/** What a row keeps of the address a request came from. */
export interface Kept {
  readonly network: string
  readonly ip: string
  readonly country: string
  readonly asn: number
}

/**
 * The `network`, `ip`, `country` and `asn` columns of a row. The country and the autonomous system
 * are looked up now, from the address itself, which is then dropped (kept only with `--ip=full`);
 * without `locate` (`--geo=off`) they are empty.
 */
export function keptAddress(mode: IpMode, address: string | undefined, locate?: Locate): Kept {
  const where = address && locate ? locate(address) : { country: '', asn: 0 }
  if (mode === 'none' || !address) return { network: '', ip: '', ...where }
  // Behind a trusted proxy the address is text a client wrote (X-Forwarded-For): only an address is kept.
  const ip = mode === 'full' && isIP(address.replace(/%.*$/, '')) ? address : ''
  return { network: networkOf(address), ip, ...where }
}
