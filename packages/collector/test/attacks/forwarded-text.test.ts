import { describe, expect, it } from 'vitest'
import { keptAddress } from '../../src/server/ip.js'

/** Behind a trusted proxy, the client address is whatever text X-Forwarded-For holds. */
describe('keptAddress with text a client wrote', () => {
  it.each(['<script>alert(1)</script>', '=HYPERLINK("x")', 'db.prod.example.com', '203.0.113.7 evil', ''])(
    'keeps nothing of %j, whatever --ip says',
    (text) => {
      for (const mode of ['none', 'network', 'full'] as const)
        expect(keptAddress(mode, text)).toEqual({ network: '', ip: '', country: '', asn: 0 })
    },
  )

  it.each([
    ['203.0.113.7', '203.0.113.0/24'],
    ['2001:db8::1', '2001:db8::/48'],
    ['fe80::1%eth0', 'fe80::/48'],
  ])('keeps the address %s with --ip=full, its network with --ip=network', (address, network) => {
    expect(keptAddress('full', address)).toEqual({ network, ip: address, country: '', asn: 0 })
    expect(keptAddress('network', address)).toEqual({ network, ip: '', country: '', asn: 0 })
  })
})
