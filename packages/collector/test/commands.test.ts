import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { networkOf } from '../src/server/ip.js'
import { runBin, serve, stats } from './support/collector.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-commands-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('baqup-collector commands', () => {
  it('seed, stats --json and export --raw: a generated population, counted once per (hash, day)', async () => {
    const store = join(folder, 'seeded.duckdb')
    expect((await runBin(['seed', `--store=${store}`, '--reports=500', '--days=5', '--seed=7'])).code).toBe(0)
    const counted = await stats(store)
    expect(counted.reports).toBeGreaterThan(0)
    expect(counted.reports).toBeLessThanOrEqual(500)
    expect(counted.installations).toBeLessThanOrEqual(counted.reports)
    // Seeded days end yesterday, the last finished day.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const csv = await runBin(['export', `--store=${store}`, `--day=${day}`, '--format=csv', '--raw'])
    expect(csv.stdout.split('\r\n')[0]).toBe('day,hash,version,configuration')
    const json = JSON.parse((await runBin(['export', `--store=${store}`, `--day=${day}`, '--raw'])).stdout) as unknown[]
    expect(json.length).toBeGreaterThan(0)
    expect(json.length).toBe(csv.stdout.trim().split('\r\n').length - 1)
  })

  it.each([
    [['serve', '--ip=everything'], /--ip/],
    [['serve', '--listen=nowhere'], /--listen/],
    [['serve', '--releases=a.json', '--releases-upstream=https://example.com/'], /choose one/],
    [['export', '--day=yesterday'], /--day/],
    [['serve', '--colour'], /Unknown option/],
  ])('%j is a usage error: exit 2, one line, no stack', async (args, message) => {
    const result = await runBin(args, { BAQUP_COLLECTOR_STORE: join(folder, 'unused.duckdb') })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('reads settings from a YAML file and BAQUP_COLLECTOR_* variables, naming a bad one', async () => {
    const file = join(folder, 'collector.yaml')
    writeFileSync(file, 'ip: sometimes\n')
    const fromFile = await runBin(['serve', `--config=${file}`])
    expect(fromFile.code).toBe(2)
    expect(fromFile.stderr).toContain(`${file}: ip`)
    const fromEnv = await runBin(['serve'], { BAQUP_COLLECTOR_RETENTION: 'forever' })
    expect(fromEnv.code).toBe(2)
    expect(fromEnv.stderr).toContain('BAQUP_COLLECTOR_RETENTION')
  })

  it('--version prints the version, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    const result = await runBin(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`^baqup-collector/${version.replaceAll('.', '\\.')} `))
  })

  it('stats on a store a running collector holds: says so and what to do, exit 1', async () => {
    const store = join(folder, 'held.duckdb')
    const collector = await serve([`--store=${store}`])
    try {
      for (const command of [
        ['stats', '--json'],
        ['export', `--day=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}`],
      ]) {
        const result = await runBin([...command, `--store=${store}`])
        expect(result.code).toBe(1)
        expect(result.stdout).toBe('')
        expect(result.stderr).toMatch(
          /^baqup-collector: the store .*held\.duckdb is in use by a running collector \(PID \d+\)/,
        )
        expect(result.stderr).toContain('Stop it')
        expect(result.stderr).toContain('GET /api/v1/summary?days=7')
        expect(result.stderr).not.toMatch(/IO Error|Conflicting lock/)
        expect(result.stderr.trim().split('\n')).toHaveLength(1)
      }
    } finally {
      await collector.stop()
    }
  })

  it('--help shows examples', async () => {
    const { stdout } = await runBin(['serve', '--help'])
    expect(stdout).toContain('baqup-collector serve --listen=0.0.0.0:8080')
  })
})

describe('networkOf', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:203.0.113.77', '203.0.113.0/24'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::/48'],
    ['::1', '::/48'],
    ['2001:DB8:0:1::1', '2001:db8::/48'],
    ['0:0:1::7', '0:0:1::/48'],
    ['not an address', ''],
  ])('%s → %s', (address, network) => {
    expect(networkOf(address)).toBe(network)
  })
})
