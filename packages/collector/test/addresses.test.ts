import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDuckDB } from '../src/store/duckdb.js'
import { serve } from './support/collector.js'
import { anonymized, asStored, hashOf, post, report } from './support/reports.js'
import { duckdbRows } from './support/rows.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-addresses-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const config = anonymized({ log: { level: 'INFO' } })
let stores = 0
const newStore = () => join(folder, `store-${++stores}.duckdb`)

/** Whether this machine can listen on ::1 (a container may have no IPv6 loopback). */
const ipv6Loopback = await new Promise<boolean>((resolve) => {
  const server = createServer()
  server.once('error', () => resolve(false))
  server.listen(0, '::1', () => server.close(() => resolve(true)))
})

const addressesOf = (store: string, table: 'reports' | 'version_checks') =>
  duckdbRows(store, `SELECT network, ip FROM ${table} ORDER BY received, network`)

/** A collector with `args` gets a report and a version check, each with `forwarded` as X-Forwarded-For; then stops. */
async function sendThrough(args: string[], forwarded?: string, store = newStore()) {
  const collector = await serve([`--store=${store}`, ...args])
  const headers: Record<string, string> = forwarded ? { 'x-forwarded-for': forwarded } : {}
  expect((await post(collector.url, report(config), headers)).status).toBe(200)
  await fetch(`${collector.url}/repos/baqupio/baqup/releases`, { headers: { ...headers, 'user-agent': 'baqup/3.0.0' } })
  expect(await collector.stop()).toBe(0)
  return { store, log: collector.stderr() }
}

describe('--trust-proxy', () => {
  it.each([
    ['from a named proxy: its X-Forwarded-For', ['--trust-proxy=127.0.0.0/8'], '198.51.100.23', '198.51.100.23'],
    [
      'the entry the proxy added, not what the client claimed',
      ['--trust-proxy=127.0.0.1'],
      '6.6.6.6, 198.51.100.24',
      '198.51.100.24',
    ],
    ['from a peer not named: the peer', ['--trust-proxy=10.0.0.0/8'], '198.51.100.25', '127.0.0.1'],
    ['with no proxy named: the peer', [], '198.51.100.26', '127.0.0.1'],
  ])('%s', async (_name, args, forwarded, kept) => {
    const { store } = await sendThrough(['--ip=full', ...args], forwarded)
    const network = `${kept.split('.').slice(0, 3).join('.')}.0/24`
    for (const table of ['reports', 'version_checks'] as const) {
      expect(await addressesOf(store, table)).toEqual([{ network, ip: kept }])
    }
  })
})

describe.skipIf(!ipv6Loopback)(`IPv6${ipv6Loopback ? '' : ' (skipped: this machine cannot listen on ::1)'}`, () => {
  it('counts clients by /48 over HTTP on ::1, keeping no address', async () => {
    const store = newStore()
    const collector = await serve([`--store=${store}`, '--listen=[::1]:0', '--trust-proxy=::1'])
    expect(collector.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
    const clients = [undefined, '2001:db8:abcd:1::1', '2001:db8:abcd:ffff::2', '2001:DB8:ABCE::1']
    for (const [index, client] of clients.entries()) {
      const headers: Record<string, string> = client ? { 'x-forwarded-for': client } : {}
      const answer = await post(collector.url, report(config, { hash: hashOf(String(index)) }), headers)
      expect(answer.status).toBe(200)
    }
    expect(await collector.stop()).toBe(0)
    const rows = await addressesOf(store, 'reports')
    expect(rows.map((row) => row.ip)).toEqual(['', '', '', ''])
    expect(new Set(rows.map((row) => row.network))).toEqual(
      new Set(['::/48', '2001:db8:abcd::/48', '2001:db8:abce::/48']),
    )
    const [distinct] = await duckdbRows(store, 'SELECT count(DISTINCT network) AS networks FROM reports')
    expect(Number(distinct?.networks)).toBe(3)
    expect(collector.stderr()).not.toMatch(/2001:db8/i)
  })
})

describe('--ip', () => {
  it('full: kept, and erased (the network stays) from rows older than --ip-retention days', async () => {
    const store = newStore()
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
    const aged = (days: number, ip: string) => ({
      id: `aged-${days}`,
      day: daysAgo(days).slice(0, 10),
      received: daysAgo(days),
      hash: hashOf(`aged-${days}`),
      version: '3.0.0',
      codename: 'cheddar',
      buildDate: '2025-01-01',
      network: '203.0.113.0/24',
      ip,
      country: '',
      asn: 0,
      configuration: asStored(config),
    })
    const seeded = await openDuckDB(store)
    await seeded.write({
      reports: [aged(12, '203.0.113.12'), aged(8, '203.0.113.8')],
      versionChecks: [
        {
          day: daysAgo(12).slice(0, 10),
          received: daysAgo(12),
          version: '3.0.0',
          network: '203.0.113.0/24',
          ip: '203.0.113.12',
          country: '',
          asn: 0,
        },
      ],
      refusals: [],
    })
    await seeded.close()

    await sendThrough(['--ip=full', '--ip-retention=10'], undefined, store)
    expect(await addressesOf(store, 'reports')).toEqual([
      { network: '203.0.113.0/24', ip: '' },
      { network: '203.0.113.0/24', ip: '203.0.113.8' },
      { network: '127.0.0.0/24', ip: '127.0.0.1' },
    ])
    expect(await addressesOf(store, 'version_checks')).toEqual([
      { network: '203.0.113.0/24', ip: '' },
      { network: '127.0.0.0/24', ip: '127.0.0.1' },
    ])
  })

  it('none: no address and no network, in the store or the log', async () => {
    const { store, log } = await sendThrough(['--ip=none', '--trust-proxy=127.0.0.1'], '198.51.100.77')
    for (const table of ['reports', 'version_checks'] as const) {
      expect(await addressesOf(store, table)).toEqual([{ network: '', ip: '' }])
    }
    expect(readFileSync(store, 'latin1')).not.toMatch(/198\.51\.100|127\.0\.0/)
    expect(log).not.toMatch(/198\.51\.100|127\.0\.0/)
  })
})
