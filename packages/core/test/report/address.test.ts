import { staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anonymizeAddress } from '../../src/report/address.js'
import { anonymize } from '../../src/report/anonymize.js'
import { explain } from '../../src/report/explain.js'

const sent = (address: string) =>
  (
    anonymize(staticConfigSchema, { entryPoints: { web: { address } } }) as {
      entryPoints: { web: { address: string } }
    }
  ).entryPoints.web.address

describe('entryPoints.<name>.address', () => {
  it.each([':80', ':443', ':8443/udp', ':53/tcp', ':53/UDP', '0.0.0.0:443', '[::]:8080', ':::8080', '0.0.0.0:0', ''])(
    'keeps %j: a wildcard host and a port',
    (address) => {
      expect(sent(address)).toBe(address)
    },
  )

  it.each([
    ['db.k8s:5432', 'xxxx:5432'],
    ['node1.dc1:80', 'xxxx:80'],
    ['3f2c9a1b7e4d:80', 'xxxx:80'],
    ['s3cr3t.:443', 'xxxx:443'],
    ['10.1:8080', 'xxxx:8080'],
    ['localhost:8080/udp', 'xxxx:8080/udp'],
    ['[fe80::1%eth0]:443', 'xxxx:443'],
    ['10.0.0.1:65535', 'xxxx:65535'],
    ['xxxx:5432', 'xxxx:5432'],
  ])('replaces the host of %j, keeping the port', (address, expected) => {
    expect(sent(address)).toBe(expected)
  })

  it.each([
    // A service name is free text looked up on the machine: not a readable port.
    's3cr3t:https',
    ':https',
    'foo Address',
    's3cr3t.example.com',
    '10.0.0.1:65536',
    '10.0.0.1:８０',
    '2001:db8::1234',
    'host:80/sctp',
    'host:80/s3cr3t',
    'xxxx',
  ])('masks %j whole: no port can be read', (address) => {
    expect(sent(address)).toBe('xxxx')
  })

  it.each([
    ['an ideographic full stop', '203。0。113。7:80'],
    ['a look-alike colon (U+A4FD)', '0.0.0.0\ua4fd80'],
    ['a look-alike dot (U+A4F8)', 'db\ua4f8corp:80'],
    ['Arabic-Indic digits', ':\u0668\u0660'],
    ['a zero-width space', ':80\u200b'],
  ])('masks an address with %s whole: only printable ASCII is sent', (_, address) => {
    expect(sent(address)).toBe('xxxx')
  })

  it('says why in --explain', () => {
    const reasons = ['db.k8s:5432', 's3cr3t:https', '[::]:8080'].map((address) =>
      explain(staticConfigSchema, { entryPoints: { web: { address } } }).map(({ decision, reason }) => ({
        decision,
        reason,
      })),
    )
    expect(reasons).toEqual([
      [{ decision: 'scrubbed', reason: 'scrubbed: host of an address (port kept)' }],
      [{ decision: 'masked', reason: 'address: masked whole (no numeric port)' }],
      [{ decision: 'kept', reason: 'exported (any interface)' }],
    ])
  })

  it('is a fixed point on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom(...'0123456789abx.:[]/%tcpud ') }), (address) => {
        const once = anonymizeAddress(address).value
        expect(anonymizeAddress(once).value).toBe(once)
      }),
    )
  })
})
