import { isPrintableAscii } from './ascii.js'
import type { DecisionKind } from './decision.js'

/**
 * A listening address (`[host]:port[/tcp|/udp]`), sent through an allow-list: a wildcard host
 * is kept as written, any other host becomes `xxxx` with its port kept, and an address whose
 * port cannot be read as a number, or with a character outside printable ASCII, is masked whole.
 */

const MASK = 'xxxx'
/** Hosts that say only "every interface". */
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]'])
const PROTOCOLS = new Set(['tcp', 'udp'])

export interface AddressOutcome {
  readonly value: string
  readonly decision: DecisionKind
  readonly reason: string
}

/**
 * A port is 1 to 5 ASCII digits up to 65535. A service name (`https`) is not read: it is free
 * text looked up in the machine's own services file, so it is masked with the host.
 */
function isPort(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return Number(text) <= 65535
}

const maskedWhole = (reason: string): AddressOutcome => ({ value: MASK, decision: 'masked', reason })

export function anonymizeAddress(address: string): AddressOutcome {
  if (address === '') return { value: address, decision: 'kept', reason: 'exported' }
  if (!isPrintableAscii(address)) return maskedWhole('address: masked whole (characters outside printable ASCII)')
  const slash = address.indexOf('/')
  const hostPort = slash < 0 ? address : address.slice(0, slash)
  const protocol = slash < 0 ? '' : address.slice(slash)
  if (protocol !== '' && !PROTOCOLS.has(protocol.slice(1).toLowerCase())) {
    return maskedWhole('address: masked whole (not /tcp or /udp after the port)')
  }
  const colon = hostPort.lastIndexOf(':')
  const host = hostPort.slice(0, Math.max(colon, 0))
  const port = hostPort.slice(colon + 1)
  if (colon < 0 || !isPort(port)) return maskedWhole('address: masked whole (no numeric port)')
  if (WILDCARD_HOSTS.has(host)) return { value: address, decision: 'kept', reason: 'exported (any interface)' }
  // `2001:db8::1234` has no port: its last group would be read as one.
  if (host.includes(':') && !host.startsWith('['))
    return maskedWhole('address: masked whole (IPv6 host without brackets)')
  return {
    value: `${MASK}:${port}${protocol}`,
    decision: 'scrubbed',
    reason: 'scrubbed: host of an address (port kept)',
  }
}
