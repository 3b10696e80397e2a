import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { countries } from 'countries-list'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS, HOSTING, kindOf } from '../src/geo/as-kinds.js'
import { knownCountry } from '../src/geo/country.js'
import { GeoDataError } from '../src/geo/errors.js'
import { defaultCountryFile } from '../src/geo/files.js'
import { type Geo, openGeo } from '../src/geo/open.js'
import { addressesIn, countriesWithNetworks } from './support/geo-addresses.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-geo-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const NOWHERE = { country: '', asn: 0 }
let geo: Geo
beforeAll(async () => {
  geo = await openGeo()
})

/** A file of the test's folder with these lines. */
function written(name: string, lines: readonly string[]): string {
  const file = join(folder, name)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

describe('lookup', () => {
  it.each([
    ['8.8.8.8', 'US', 15169],
    ['2001:4860:4860::8888', 'US', 15169],
    ['193.0.6.139', 'NL', 3333],
  ])('%s is in %s, AS%i', (address, country, asn) => {
    expect(geo.lookup(address)).toEqual({ country, asn })
  })

  it('an address the shipped data gives a private-use AS number (4294967294) has no AS', () => {
    expect(geo.lookup('103.138.210.1').asn).toBe(0)
  })

  it('1.1.1.1 is Cloudflare, a hosting provider by the list', () => {
    const { asn } = geo.lookup('1.1.1.1')
    expect(asn).toBe(13335)
    expect(geo.organization(asn)).toEqual({
      name: expect.stringMatching(/Cloudflare/),
      kind: 'hosting',
      kindFrom: 'list',
    })
  })

  it('names the organization of an AS number as the data spells it', () => {
    expect(geo.organization(15169)?.name).toMatch(/Google/)
    expect(geo.organization(0)).toBeUndefined()
    expect(geo.organization(4_200_000_000)).toBeUndefined()
  })

  it.each([
    ['IPv4-mapped IPv6', '::ffff:8.8.8.8', '8.8.8.8'],
    ['IPv4-mapped IPv6, upper case', '::FFFF:8.8.8.8', '8.8.8.8'],
    ['IPv4-mapped IPv6 in hexadecimal', '::ffff:808:808', '8.8.8.8'],
    ['IPv4-mapped IPv6, written out', '0:0:0:0:0:ffff:808:808', '8.8.8.8'],
    ['a zone suffix', '2001:4860:4860::8888%eth0', '2001:4860:4860::8888'],
    ['upper case IPv6', '2001:4860:4860::8888'.toUpperCase(), '2001:4860:4860::8888'],
    ['IPv6 written out', '2001:4860:4860:0:0:0:0:8888', '2001:4860:4860::8888'],
  ])('%s (%s) is looked up as %s', (_name, written, plain) => {
    expect(geo.lookup(written)).toEqual(geo.lookup(plain))
    expect(geo.lookup(plain).asn).not.toBe(0)
  })

  it.each([
    '0.1.2.3',
    '10.1.2.3',
    '100.64.0.1',
    '127.0.0.1',
    '169.254.10.20',
    '172.16.0.1',
    '172.31.255.254',
    '192.0.0.9',
    '192.0.2.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.251',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '64:ff9b::808:808',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001::1',
    '2001:db8::1',
    '2001:db8:ffff::1',
    '3fff::1',
  ])('%s is not a public address: nothing', (address) => {
    expect(geo.lookup(address)).toEqual(NOWHERE)
  })

  it.each([
    '',
    'garbage',
    '8.8.8',
    '8.8.8.8.8',
    '256.8.8.8',
    '08.8.8.8',
    ' 8.8.8.8',
    '8.8.8.8 ',
    '8.8.8.8:443',
    '8.8.8.8/24',
    '[2001:4860:4860::8888]',
    '2001:4860:4860::8888::1',
    '2001:4860:4860:0:0:0:0:0:8888',
    '2001:4860:4860:0:0:0:8888',
    '12345::1',
    'gggg::1',
    ':::',
    '::ffff:8.8.8',
    '::ffff:8.8.8.256',
    '%eth0',
    '1'.repeat(1000),
  ])('%j is not an address: nothing, no error', (text) => {
    expect(geo.lookup(text)).toEqual(NOWHERE)
  })

  it.each([undefined, null, 42, {}])('a %j from outside the types is nothing, no error', (value) => {
    expect(geo.lookup(value as unknown as string)).toEqual(NOWHERE)
  })

  it('answers only countries of the closed set, over a sample of the whole data', () => {
    let located = 0
    let index = 0
    for (const range of geo.ranges()) {
      if (index++ % 97 !== 0) continue
      const { country } = geo.lookup(range.first === '0.0.0.0' ? '0.0.0.1' : range.first)
      if (country) located++
      expect(country === '' || country in countries).toBe(true)
    }
    expect(located).toBeGreaterThan(1000)
  })
})

describe('knownCountry', () => {
  it.each([
    ['US', 'US'],
    ['DE', 'DE'],
    ['XK', 'XK'],
    ['EU', ''],
    ['AP', ''],
    ['ZZ', ''],
    ['us', ''],
    ['USA', ''],
    ['', ''],
    [42, ''],
    [undefined, ''],
    [null, ''],
    [{ toString: () => 'US' }, ''],
  ])('%j is %j', (value, code) => {
    expect(knownCountry(value)).toBe(code)
  })
})

describe('kindOf', () => {
  it('takes the list before the name', () => {
    expect(kindOf(16509, 'Example Telecom Broadband')).toEqual({ kind: 'hosting', kindFrom: 'list' })
    expect(kindOf(3320, 'Example Cloud Hosting')).toEqual({ kind: 'access', kindFrom: 'list' })
  })

  it.each([
    ['Example Hosting Ltd', 'hosting'],
    ['ACME CLOUD SERVICES', 'hosting'],
    ['Example Data Center GmbH', 'hosting'],
    ['Datacentre Example', 'hosting'],
    ['Example Telecom Cloud', 'hosting'],
    ['Example Telecom S.A.', 'access'],
    ['Telekom Example d.d.', 'access'],
    ['Example Broadband Ltd', 'access'],
    ['Cable & Wireless Example', 'access'],
    ['EXAMPLE TELECOMUNICACOES LTDA', 'access'],
    ['Example Communications Inc', 'access'],
    ['Example Mobile', 'access'],
    ['Example-Fibre', 'access'],
  ])('%j: %s, by its name', (name, kind) => {
    expect(kindOf(64_512, name)).toEqual({ kind, kindFrom: 'name' })
  })

  it.each([
    'University of Example',
    'Example Bank',
    'CloudExample Inc',
    'Hostexample',
    'Serverius',
    'Telecomputing AS',
    'Mobileye',
    'Cablevisionexample',
    '',
  ])('%j: other, by neither', (name) => {
    expect(kindOf(64_512, name)).toEqual({ kind: 'other', kindFrom: 'none' })
  })

  it('lists each AS number once, and the data knows each one', () => {
    const listed = [...HOSTING, ...ACCESS].map(([asn]) => asn)
    expect(new Set(listed).size).toBe(listed.length)
    expect(listed.filter((asn) => geo.organization(asn) === undefined)).toEqual([])
  })
})

describe('openGeo with files named', () => {
  const tiny = () =>
    written('asn.csv', [
      '8.8.8.0,8.8.8.255,64400,"Example Telecom, ""Tiny"" Inc."',
      '16843008,16843263,64401,Example Hosting', // 1.1.1.0/24 as numbers
      '2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,64402,Example Cloud',
      // 2001:500:30ff::/64 is split: the range that holds its first address has it all.
      '2001:500:30ff::,2001:500:30ff::2f,64403,Example Anycast',
      '2001:500:30ff::30,2001:500:30ff::30,64404,Example Anycast',
      '42540589589187417574328769899896242225,42540589589188626500148384529070948351,64405,Example Anycast',
    ])

  it('reads an ASN CSV of addresses and numbers, IPv4 and IPv6, names quoted or not', async () => {
    const refreshed = await openGeo({ asnFiles: [tiny()] })
    expect(refreshed.lookup('8.8.8.8')).toEqual({ country: 'US', asn: 64400 })
    expect(refreshed.lookup('1.1.1.1').asn).toBe(64401)
    expect(refreshed.lookup('2001:4860:4860::8888').asn).toBe(64402)
    expect(refreshed.lookup('8.8.4.4')).toEqual({ country: 'US', asn: 0 })
    expect(refreshed.organization(64400)).toEqual({
      name: 'Example Telecom, "Tiny" Inc.',
      kind: 'access',
      kindFrom: 'name',
    })
    expect(refreshed.organization(64401)).toEqual({ name: 'Example Hosting', kind: 'hosting', kindFrom: 'name' })
    expect(refreshed.organization(15169)).toBeUndefined()
  })

  it('keeps IPv6 by /64: a /64 split in the data belongs to the range holding its first address', async () => {
    const refreshed = await openGeo({ asnFiles: [tiny()] })
    for (const address of ['2001:500:30ff::1', '2001:500:30ff::30', '2001:500:30ff::ffff']) {
      expect(refreshed.lookup(address).asn).toBe(64403)
    }
    expect(refreshed.lookup('2001:500:30ff:1::30').asn).toBe(64405)
    const ranges = [...refreshed.ranges()].filter((range) => range.first.startsWith('2001:500:'))
    expect(ranges).toEqual([
      { family: 6, first: '2001:500:30ff:0::', last: '2001:500:30ff:0:ffff:ffff:ffff:ffff', asn: 64403 },
      { family: 6, first: '2001:500:30ff:1::', last: '2001:500:30ff:ffff:ffff:ffff:ffff:ffff', asn: 64405 },
    ])
  })

  it('sorts ranges given out of order, across files; a later file wins a range starting at the same address', async () => {
    const first = written('first.csv', ['9.9.9.0,9.9.9.255,64410,Example One', '8.8.8.0,8.8.8.255,64411,Example Two'])
    const second = written('second.csv', ['9.9.9.0,9.9.9.255,64412,Example Three'])
    const refreshed = await openGeo({ asnFiles: [first, second] })
    expect(refreshed.lookup('8.8.8.8').asn).toBe(64411)
    expect(refreshed.lookup('9.9.9.9').asn).toBe(64412)
  })

  it('keeps a range announced under a private, documentation or reserved AS number as no AS, without its name', async () => {
    const file = written('special.csv', [
      '9.9.9.0,9.9.9.255,64512,Private Sixteen',
      '9.9.10.0,9.9.10.255,64500,Documentation',
      '9.9.11.0,9.9.11.255,23456,AS_TRANS',
      '9.9.12.0,9.9.12.255,4294967294,Private Thirty-two',
      '9.9.13.0,9.9.13.255,2147483648,Unallocated',
      '9.9.14.0,9.9.14.255,2147483647,Highest kept',
    ])
    const refreshed = await openGeo({ asnFiles: [file] })
    const asns = ['9.9.9.9', '9.9.10.9', '9.9.11.9', '9.9.12.9', '9.9.13.9', '9.9.14.9'].map(
      (a) => refreshed.lookup(a).asn,
    )
    expect(asns).toEqual([0, 0, 0, 0, 0, 2147483647])
    for (const asn of [64512, 64500, 23456, 4294967294, 2147483648]) expect(refreshed.organization(asn)).toBeUndefined()
  })

  it.each([
    ['countryFile', (file: string) => ({ countryFile: file })],
    ['asnFiles', (file: string) => ({ asnFiles: [file] })],
  ])('a missing %s is an error that names it', async (_name, options) => {
    const missing = join(folder, 'no-such.data')
    const error = await openGeo(options(missing)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(GeoDataError)
    expect(error).toMatchObject({
      file: missing,
      message: `IP data file ${missing}: not found (${(error as Error & { cause: Error }).cause.message})`,
    })
  })

  it('a country file that is not an MMDB is an error that names it', async () => {
    const file = written('country.mmdb', ['not a database'])
    await expect(openGeo({ countryFile: file })).rejects.toThrow(`IP data file ${file}: not an MMDB database`)
  })

  it.each([
    ['a line of three fields', '8.8.8.0,8.8.8.255,64400', 'expected start,end,asn,organization'],
    ['a header', 'ip_range_start,ip_range_end,asn,organization', 'not an address range'],
    ['a range across families', '8.8.8.0,2001:4860::,64400,Example', 'not an address range'],
    ['an AS number that is not one', '8.8.8.0,8.8.8.255,AS64400,Example', 'not an AS number'],
  ])('%s in an ASN file is an error that names the file and line', async (_name, line, problem) => {
    const file = written('broken.csv', ['1.0.0.0,1.0.0.255,13335,Example', line])
    await expect(openGeo({ asnFiles: [file] })).rejects.toThrow(`IP data file ${file}: line 2: ${problem}: ${line}`)
  })

  it('reads a file larger than its chunks: every row, and the line of a bad one counted across them', async () => {
    // 60 000 rows of about 40 bytes, /24s from 11.0.0.0: more than two chunks of 1 MiB, rows cut across their ends.
    const base = 11 * 2 ** 24
    const rows = Array.from(
      { length: 60_000 },
      (_, n) => `${base + n * 256},${base + n * 256 + 255},${396_000 + (n % 7)},Org ${n % 7}`,
    )
    const file = written('large.csv', rows)
    const large = await openGeo({ asnFiles: [file] })
    for (const n of [0, 1, 26_000, 26_001, 52_000, 59_999])
      expect(large.lookup(`11.${n >>> 8}.${n & 255}.9`).asn, String(n)).toBe(396_000 + (n % 7))
    expect(large.lookup('11.234.96.9').asn).toBe(0)
    const broken = written('large-broken.csv', [...rows, 'not,a,row,here'])
    await expect(openGeo({ asnFiles: [broken] })).rejects.toThrow(`line 60001: not an address range`)
  })

  it('the default country file is the one shipped in its npm package', () => {
    expect(defaultCountryFile()).toMatch(
      /@ip-location-db[/\\]geo-whois-asn-country-mmdb[/\\]geo-whois-asn-country\.mmdb$/,
    )
  })
})

describe('test addresses (support)', () => {
  it('picks addresses in distinct /24s that the data places in a country', () => {
    const picked = addressesIn(geo, { country: 'DE', networks: 5, perNetwork: 3 })
    expect(picked).toHaveLength(15)
    expect(new Set(picked.map(({ network }) => network)).size).toBe(5)
    for (const { address, network, country, asn } of picked) {
      expect(geo.lookup(address)).toEqual({ country, asn })
      expect(country).toBe('DE')
      expect(address.startsWith(network.replace(/0\/24$/, ''))).toBe(true)
    }
  })

  it('finds countries with enough networks', () => {
    const found = countriesWithNetworks(geo, { networks: 50, count: 3 })
    expect(found).toHaveLength(3)
    for (const country of found) expect(addressesIn(geo, { country, networks: 50 })).toHaveLength(50)
  })
})
