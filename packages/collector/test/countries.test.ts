import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema, geoOn } from '../src/config/schema.js'
import { type Geo, openGeo } from '../src/geo/open.js'
import { organizations } from '../src/organizations.js'
import type { Store } from '../src/store/store.js'
import {
  clock,
  collectorOn,
  describeEngines,
  everythingStored,
  forwardedFor,
  get,
  storesOf,
} from './support/engines.js'
import { addressesIn, countriesWithNetworks, type PickedAddress } from './support/geo-addresses.js'
import { anonymized, hashOf, report } from './support/reports.js'

/**
 * Countries and organizations: requests arrive through a trusted proxy on the loopback whose
 * X-Forwarded-For names public addresses (nothing is ever sent to them); the collector looks each
 * up as it arrives and keeps the country and the AS number, never the address.
 */

const { now, day } = clock()
const yesterday = day(1)
const config = { entryPoints: { web: { address: ':80' } }, api: { dashboard: true } }
const folder = mkdtempSync(join(tmpdir(), 'collector-countries-'))
const releases = join(folder, 'releases.json')
writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.1.0', draft: false, prerelease: false }]))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

let geo: Geo
/**
 * The population: installations of four countries, each from its own /24, so that version
 * checks (counted by networks) pass the threshold where installations do. Two countries pass
 * (15, 12); the two others do not (4, 8), and together they do (12 installations, 12 networks):
 * the published countries are exactly the two, and the rest is published as a fold, not a number.
 */
let population: { country: string; addresses: PickedAddress[] }[]
const SIZES = [15, 12, 8, 4]
beforeAll(async () => {
  geo = await openGeo()
  const countries = countriesWithNetworks(geo, { networks: Math.max(...SIZES), count: SIZES.length })
  population = countries.map((country, index) => ({
    country,
    addresses: addressesIn(geo, { country, networks: SIZES[index] ?? 0 }),
  }))
}, 60_000)

const send = async (url: string, method: 'GET' | 'POST', address: string, body?: unknown) =>
  (await forwardedFor(url, method, address, body)).status

/** The population reports and checks yesterday, through a collector with these settings; the store is returned. */
async function arrive(store: Store, settings: Record<string, unknown>, located = true) {
  const receiving = collectorOn(
    store,
    new Date(`${yesterday}T12:00:00Z`),
    { trustProxy: ['127.0.0.1'], releases, ...settings },
    located ? { locate: geo.lookup } : {},
  )
  const url = await receiving.app.listen({ host: '127.0.0.1', port: 0 })
  for (const { addresses } of population) {
    for (const { address } of addresses) {
      const body = report(anonymized(config), { hash: hashOf(`installation-${address}`) })
      expect(await send(`${url}/`, 'POST', address, body)).toBe(200)
      expect(await send(`${url}/repos/baqupio/baqup/releases`, 'GET', address)).toBe(200)
    }
  }
  await receiving.close()
}

const everyAddress = () => population.flatMap(({ addresses }) => addresses.map((picked) => picked.address))
/** The address as text, not as the start of another (`1.2.3.1` in `1.2.3.10`). */
const addressPattern = (address: string) => new RegExp(`(?<![\\d.])${address.replaceAll('.', '\\.')}(?![\\d])`)

describeEngines('countries and organizations on $name', (engine) => {
  const open = storesOf(engine)

  it('publishes the installations and version checks of each country over the threshold, in the summary and the daily files', async () => {
    const store = await open('countries')
    await arrive(store, {})
    const reader = collectorOn(store, now)
    const summary = (await get(reader, '/api/v1/summary?days=7')).body
    const daily = (await get(reader, `/data/daily/${yesterday}.json`)).body
    const csv = (await get(reader, `/data/daily/${yesterday}.csv`)).body as string
    await reader.close()

    const [first, second] = population.map(({ country, addresses }) => ({ country, size: addresses.length }))
    const over = [first, second].map((row) => ({ country: row?.country, installations: row?.size }))
    const checksOver = [first, second].map((row) => ({ country: row?.country, checks: row?.size, networks: row?.size }))
    for (const answer of [summary, daily]) {
      expect(answer.installations).toBe(39)
      expect(answer.countries).toEqual(over)
      expect(answer.versionChecksByCountry).toEqual(checksOver)
      expect(answer.other.countries).toEqual({ buckets: 2 })
      expect(answer.other.versionChecksByCountry).toEqual({ buckets: 2 })
    }
    for (const row of over) expect(csv).toContain(`\r\ncountries,${row.country},,${row.installations},,,\r\n`)
    for (const row of checksOver)
      expect(csv).toContain(`\r\nversionChecksByCountry,${row.country},,,${row.networks},${row.checks},\r\n`)
    const hidden = population.slice(2).map(({ country }) => country)
    for (const country of hidden)
      expect(JSON.stringify([summary, daily]) + csv).not.toMatch(`"${country}"|,${country},`)
    // Nothing public holds an address or a network.
    for (const address of everyAddress())
      expect(JSON.stringify([summary, daily]) + csv).not.toMatch(addressPattern(address))
    expect(JSON.stringify([summary, daily]) + csv).not.toMatch(/\d+\.\d+\.\d+\.\d+/)
  })

  it('keeps the country and AS of every row, the network with --ip=network, and no address', async () => {
    const store = await open('kept')
    await arrive(store, { ip: 'network' })
    for (const table of ['reports', 'installation_days', 'version_checks']) {
      const rows = await store.query(`SELECT network, country, asn FROM ${table}`)
      const expected = population.flatMap(({ addresses }) =>
        addresses.map((picked) => ({ network: picked.network, country: picked.country, asn: picked.asn })),
      )
      const sorted = (list: { network: unknown }[]) =>
        [...list]
          .map((row) => ({ ...row, asn: Number((row as { asn: unknown }).asn) }))
          .sort((a, b) => String(a.network).localeCompare(String(b.network)))
      expect(sorted(rows as { network: unknown }[])).toEqual(sorted(expected))
    }
    const stored = await everythingStored(store)
    for (const address of everyAddress()) expect(stored).not.toMatch(addressPattern(address))
  })

  it('keeps an address the data gives a private-use AS number as no AS, and the reports committed beside it', async () => {
    const store = await open('private_asn')
    const receiving = collectorOn(
      store,
      new Date(`${yesterday}T12:00:00Z`),
      { trustProxy: ['127.0.0.1'], releases },
      { locate: geo.lookup },
    )
    const url = await receiving.app.listen({ host: '127.0.0.1', port: 0 })
    // 103.138.210.0/24 is announced under AS4294967294 in the shipped data; the others are the population's.
    const addresses = ['103.138.210.1', ...everyAddress().slice(0, 7)]
    const statuses = await Promise.all(
      addresses.flatMap((address) => [
        send(`${url}/`, 'POST', address, report(anonymized(config), { hash: hashOf(`private-${address}`) })),
        send(`${url}/repos/baqupio/baqup/releases`, 'GET', address),
      ]),
    )
    await receiving.close()
    expect(statuses).toEqual(addresses.flatMap(() => [200, 200]))
    for (const table of ['reports', 'version_checks']) {
      const rows = await store.query(`SELECT country, asn FROM ${table} WHERE country = 'AU' AND asn = 0`)
      expect(rows.length, table).toBeGreaterThanOrEqual(1)
      expect(Number((await store.query(`SELECT count(*) AS n FROM ${table}`))[0]?.n), table).toBe(addresses.length)
    }
  })

  it('with --geo off keeps no country and no AS, and publishes the installations under unknown', async () => {
    const store = await open('geo_off')
    await arrive(store, { geo: 'off' }, false)
    for (const table of ['reports', 'installation_days', 'version_checks']) {
      const rows = await store.query(`SELECT DISTINCT country, asn FROM ${table}`)
      expect(rows.map((row) => ({ country: row.country, asn: Number(row.asn) }))).toEqual([{ country: '', asn: 0 }])
    }
    const reader = collectorOn(store, now)
    const summary = (await get(reader, '/api/v1/summary?days=7')).body
    await reader.close()
    expect(summary.countries).toEqual([{ country: 'unknown', installations: 39 }])
  })

  it('lists the organizations of the planted addresses, with their networks, checks, installations and versions', async () => {
    const store = await open('organizations')
    await arrive(store, {})
    const listed = await organizations(store, {
      from: yesterday,
      to: yesterday,
      minChecks: 0,
      withoutProviders: false,
      describe: (asn) => geo.organization(asn),
    })
    const byAsn = new Map<number, PickedAddress[]>()
    for (const picked of population.flatMap(({ addresses }) => addresses))
      byAsn.set(picked.asn, [...(byAsn.get(picked.asn) ?? []), picked])
    expect(listed.map((row) => row.asn).sort((a, b) => a - b)).toEqual([...byAsn.keys()].sort((a, b) => a - b))
    for (const row of listed) {
      const planted = byAsn.get(row.asn) ?? []
      expect(row).toMatchObject({
        organization: geo.organization(row.asn)?.name,
        networks: new Set(planted.map((picked) => picked.network)).size,
        checks: planted.length,
        installations: planted.length,
        versions: ['3.1.0'],
      })
      expect(row.organization).not.toBe('')
    }
    // The order: the most networks first.
    expect(listed.map((row) => row.networks)).toEqual([...listed.map((row) => row.networks)].sort((a, b) => b - a))
    const most = Math.max(...listed.map((row) => row.checks))
    const filtered = await organizations(store, {
      from: yesterday,
      to: yesterday,
      minChecks: most,
      withoutProviders: false,
      describe: (asn) => geo.organization(asn),
    })
    expect(filtered.every((row) => row.checks >= most) && filtered.length > 0).toBe(true)
    const companies = await organizations(store, {
      from: yesterday,
      to: yesterday,
      minChecks: 0,
      withoutProviders: true,
      describe: (asn) => geo.organization(asn),
    })
    expect(companies.map((row) => row.asn)).toEqual(
      listed.filter((row) => row.kind !== 'access' && row.kind !== 'hosting').map((row) => row.asn),
    )
  })
})

describe('--geo', () => {
  it.each([
    [{}, true],
    [{ ip: 'full' }, true],
    [{ ip: 'none' }, false],
    [{ ip: 'none', geo: 'on' }, true],
    [{ geo: 'off' }, false],
  ])('%j: lookups %s (nothing derived from the address when none of it is kept, unless asked)', (settings, on) => {
    expect(geoOn(collectorConfigSchema.parse({ store: 'unused', ...settings }))).toBe(on)
  })
})
