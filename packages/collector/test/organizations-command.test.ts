import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openGeo } from '../src/geo/open.js'
import { runBin, serve } from './support/collector.js'
import { forwardedFor } from './support/engines.js'
import { addressesIn, countriesWithNetworks, type PickedAddress } from './support/geo-addresses.js'
import { anonymized, hashOf, report } from './support/reports.js'

/** `baqup-collector organizations`, spawned as the maintainers run it, on a store a served collector filled. */

const folder = mkdtempSync(join(tmpdir(), 'collector-organizations-'))
const store = join(folder, 'store.duckdb')
const releases = join(folder, 'releases.json')
let planted: PickedAddress[] = []
let publicAnswers = ''

async function send(url: string, method: 'GET' | 'POST', address: string, body?: unknown): Promise<number> {
  const { status, text } = await forwardedFor(url, method, address, body)
  publicAnswers += text
  return status
}

beforeAll(async () => {
  writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.1.0', draft: false, prerelease: false }]))
  const geo = await openGeo()
  const [country] = countriesWithNetworks(geo, { networks: 6, count: 1 })
  planted = addressesIn(geo, { country: country as string, networks: 6 })
  const collector = await serve([`--store=${store}`, `--releases=${releases}`, '--trust-proxy=127.0.0.1'])
  for (const { address } of planted) {
    const body = report(anonymized({ api: { dashboard: true } }), { hash: hashOf(address) })
    expect(await send(`${collector.url}/`, 'POST', address, body)).toBe(200)
    expect(await send(`${collector.url}/repos/baqupio/baqup/releases`, 'GET', address)).toBe(200)
  }
  // No route of the public server lists organizations, and its API document names none.
  for (const path of ['/api/v1/organizations', '/organizations', '/api/v1/organizations.csv'])
    expect(await send(`${collector.url}${path}`, 'GET', '127.0.0.1'), path).toBe(404)
  const openapi = await forwardedFor(`${collector.url}/api/v1/openapi.json`, 'GET', '127.0.0.1')
  expect(openapi.status).toBe(200)
  expect(openapi.text).not.toMatch(/organi[sz]ation|\basn\b/i)
  expect(await collector.stop()).toBe(0)
}, 120_000)
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('baqup-collector organizations', () => {
  it('--json lists the AS organizations of the planted addresses, with their counts', async () => {
    const result = await runBin(['organizations', `--store=${store}`, '--json'])
    expect(result.code).toBe(0)
    const { organizations } = JSON.parse(result.stdout) as { organizations: Record<string, unknown>[] }
    const byAsn = new Map<number, PickedAddress[]>()
    for (const picked of planted) byAsn.set(picked.asn, [...(byAsn.get(picked.asn) ?? []), picked])
    expect(organizations.map((row) => row.asn).sort()).toEqual([...byAsn.keys()].sort())
    for (const row of organizations) {
      const mine = byAsn.get(Number(row.asn)) ?? []
      expect(row).toMatchObject({ checks: mine.length, installations: mine.length, networks: mine.length })
      expect(String(row.organization)).not.toBe('')
    }
  })

  it('--csv and the text table name them too; the public answers never did', async () => {
    const csv = await runBin(['organizations', `--store=${store}`, '--csv', '--days=7'])
    expect(csv.code).toBe(0)
    const [header, ...lines] = csv.stdout.trim().split('\r\n')
    expect(header).toBe('asn,organization,kind,kindFrom,networks,checks,installations,versions')
    expect(lines.length).toBe(new Set(planted.map((picked) => picked.asn)).size)
    const text = await runBin(['organizations', `--store=${store}`])
    expect(text.code).toBe(0)
    const geo = await openGeo()
    for (const { asn } of planted) {
      const name = geo.organization(asn)?.name as string
      expect(text.stdout).toContain(String(asn))
      expect(publicAnswers).not.toContain(name)
      expect(publicAnswers).not.toContain(String(asn))
    }
  })

  it.each([
    [['--days=0'], /--days/],
    [['--min-checks=some'], /--min-checks/],
    [['--json', '--csv'], /one or the other/],
    [['--geo-asn=/nowhere/asn.csv'], /\/nowhere\/asn\.csv/],
  ])('%j: exit 2, one line, no stack', async (args, message) => {
    const result = await runBin(['organizations', `--store=${store}`, ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('serve with an unusable database: exit 2 naming the file; --geo=off needs none', async () => {
    const missing = await runBin(['serve', `--store=${join(folder, 'other.duckdb')}`, '--geo-country=/nowhere/c.mmdb'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--geo: IP data file \/nowhere\/c\.mmdb/)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
    const off = await serve([`--store=${join(folder, 'off.duckdb')}`, '--geo=off', '--geo-country=/nowhere/c.mmdb'])
    expect(await off.stop()).toBe(0)
  })
})
