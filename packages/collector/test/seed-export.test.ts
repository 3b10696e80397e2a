import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BAQUP_VERSION } from '@baqup/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { populationSize } from '../src/seed.js'
import type { Daily } from '../src/stats/schemas.js'
import { runBin, serve, stats } from './support/collector.js'

const folder = mkdtempSync(join(tmpdir(), 'collector-seed-export-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const REPORTS = 2000
const DAYS = 10
const DAY_MS = 86_400_000
const dayAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10)

async function seeded(name: string, seed: number): Promise<string> {
  const store = join(folder, `${name}.duckdb`)
  const result = await runBin(['seed', `--store=${store}`, `--reports=${REPORTS}`, `--days=${DAYS}`, `--seed=${seed}`])
  expect(result.code, result.stderr).toBe(0)
  return store
}

async function exported(store: string, day: string, ...flags: string[]): Promise<string> {
  const result = await runBin(['export', `--store=${store}`, `--day=${day}`, ...flags])
  expect(result.code, result.stderr).toBe(0)
  return result.stdout
}

const exportedDaily = async (store: string, day: string, ...flags: string[]) =>
  JSON.parse(await exported(store, day, ...flags)) as Daily

describe('seed: a population of installations', () => {
  let store: string
  beforeAll(async () => {
    store = await seeded('population', 7)
  })

  it('is the same for the same seed, and another for another seed', async () => {
    const again = await seeded('again', 7)
    const other = await seeded('other', 8)
    expect(await stats(again)).toEqual(await stats(store))
    expect(await exported(again, dayAgo(3))).toBe(await exported(store, dayAgo(3)))
    expect(await exported(other, dayAgo(3))).not.toBe(await exported(store, dayAgo(3)))
  }, 90_000)

  it('has each installation report on most days: installations per day near the population', async () => {
    const population = populationSize(REPORTS, DAYS)
    const counted = await stats(store)
    expect(counted.reports).toBe(REPORTS)
    expect(counted.installations).toBeLessThanOrEqual(population)
    expect(counted.installations).toBeGreaterThan(population * 0.95)
    // Seeded days end yesterday, the last finished day; today has no file.
    for (const ago of [1, Math.floor(DAYS / 2), DAYS]) {
      const { installations } = await exportedDaily(store, dayAgo(ago), '--min-count=1', '--min-networks=1')
      expect((installations ?? 0) / population, dayAgo(ago)).toBeGreaterThan(0.75)
      expect((installations ?? 0) / population, dayAgo(ago)).toBeLessThanOrEqual(1)
    }
  })

  it('uses providers in unequal shares: docker common, the rare ones rare', async () => {
    const { providers } = await exportedDaily(store, dayAgo(1), '--min-count=1', '--min-networks=1')
    const share = (name: string) => providers.find((row) => row.name === name)?.installations ?? 0
    expect(share('providers.docker')).toBeGreaterThan(3 * share('providers.consulCatalog'))
    expect(share('providers.docker')).toBeGreaterThan(share('providers.kubernetesCRD'))
    expect(share('providers.kubernetesCRD')).toBeGreaterThan(share('providers.nomad'))
  })

  it('upgrades over time: the newest release gains installations from the first day to the last', async () => {
    const newest = async (day: string) => {
      const { versions } = await exportedDaily(store, day, '--min-count=1', '--min-networks=1')
      return versions.find((row) => row.version === BAQUP_VERSION)?.installations ?? 0
    }
    expect(await newest(dayAgo(DAYS))).toBe(0)
    expect(await newest(dayAgo(1))).toBeGreaterThan(0)
  })
})

describe('seed: the releases that go with the population', () => {
  it('prints what it made and writes the releases beside the store, up to the current release', async () => {
    const store = join(folder, 'released.duckdb')
    const result = await runBin(['seed', `--store=${store}`, '--reports=300', `--days=${DAYS}`])
    expect(result.code, result.stderr).toBe(0)
    const file = join(folder, 'released.releases.json')
    expect(result.stdout).toBe(
      `seeded ${store}: 300 reports from ${(await stats(store)).installations} installations over ${DAYS} days ` +
        `(${dayAgo(DAYS)} to ${dayAgo(1)}), versions 3.0.0 to ${BAQUP_VERSION}\n` +
        `releases 3.0.0 to ${BAQUP_VERSION}: ${file} (serve --store=${store} --releases=${file})\n`,
    )
    const releases = JSON.parse(readFileSync(file, 'utf8')) as { tag_name: string; draft: boolean }[]
    expect(releases[0]?.tag_name).toBe(`v${BAQUP_VERSION}`)
    const known = new Set(releases.map((release) => release.tag_name.slice(1)))
    // Every version the population runs is one the collector serving the file knows.
    for (const ago of [1, Math.floor(DAYS / 2), DAYS]) {
      const { versions } = await exportedDaily(store, dayAgo(ago), '--min-count=1', '--min-networks=1')
      for (const { version } of versions) expect(known, version).toContain(version)
    }
    const collector = await serve([`--store=${store}`, `--releases=${file}`])
    try {
      const served = await fetch(`${collector.url}/repos/baqupio/baqup/releases`)
      expect(served.status).toBe(200)
      expect(((await served.json()) as { tag_name: string }[]).map((release) => release.tag_name)).toEqual(
        releases.map((release) => release.tag_name),
      )
    } finally {
      await collector.stop()
    }
  }, 90_000)

  it('writes them where --releases-out says', async () => {
    const store = join(folder, 'elsewhere.duckdb')
    const out = join(folder, 'chosen.json')
    const result = await runBin(['seed', `--store=${store}`, '--reports=50', '--days=2', `--releases-out=${out}`])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`--releases=${out}`)
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].tag_name).toBe(`v${BAQUP_VERSION}`)
  })
})

describe('export: the published daily file', () => {
  it('prints what GET /data/daily/DAY.json and .csv serve, under the same --min-count', async () => {
    const store = await seeded('served', 3)
    const day = dayAgo(2)
    const json = await exported(store, day, '--min-count=5')
    const csv = await exported(store, day, '--min-count=5', '--format=csv')
    const strict = await exportedDaily(store, day, `--min-count=${REPORTS}`)
    const collector = await serve([`--store=${store}`, '--min-count=5'])
    try {
      const served = await fetch(`${collector.url}/data/daily/${day}.json`)
      expect(JSON.parse(json)).toEqual(await served.json())
      expect(csv).toBe(await (await fetch(`${collector.url}/data/daily/${day}.csv`)).text())
      expect((await fetch(`${collector.url}/data/daily/${dayAgo(0)}.json`)).status).toBe(404)
    } finally {
      await collector.stop()
    }
    expect(JSON.parse(json).providers.length).toBeGreaterThan(0)
    expect(strict.minCount).toBe(REPORTS)
    expect(strict.providers).toEqual([])
  })

  it('has no file for today: the day is not over', async () => {
    const store = await seeded('today', 4)
    const result = await runBin(['export', `--store=${store}`, `--day=${dayAgo(0)}`])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/not over yet/)
    expect(result.stdout).toBe('')
  })

  it('has the networks of a realistic population: the default threshold publishes its days', async () => {
    const store = await seeded('networks', 5)
    const file = await exportedDaily(store, dayAgo(1))
    expect(file).toMatchObject({ minCount: 10, minNetworks: 3, networks: 'counted' })
    expect(file.installations).toBeGreaterThan(100)
    expect(file.versions.length).toBeGreaterThan(0)
    expect(file.providers.length).toBeGreaterThan(3)
  })

  it.each([['--day=2025-13-45'], ['--format=xml']])('%s is a usage error: exit 2, no stack', async (flag) => {
    const result = await runBin(['export', `--store=${join(folder, 'unused.duckdb')}`, '--day=2025-01-31', flag])
    expect(result.code).toBe(2)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
