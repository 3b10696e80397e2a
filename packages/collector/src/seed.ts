import { createHash } from 'node:crypto'
import { anonymize } from '@baqup/core'
import { staticConfigSchema } from '@baqup/schemas'
import { COUNTRIES, drawConfiguration, drawUpgradeDelay, type Random, random, weighted } from './seed/model.js'
import { RELEASES, releasesFile } from './seed/releases.js'
import { type StoredConfiguration, storedConfiguration } from './store/configurations.js'
import type { Store, StoredReport } from './store/store.js'

/**
 * A generated population, deterministic for a seed, for demonstrations and benchmarks: installations that each
 * keep one configuration, report on most days and upgrade when releases come out.
 */

const DAY_MS = 86_400_000
/** The share of days an installation reports on: the population is sized from it. */
const REPORTING_RATE = 0.85

interface Installation {
  hash: string
  network: string
  country: string
  configuration: StoredConfiguration
  /** Index in RELEASES of the version it ran when the window began. */
  initial: number
  upgradeDelay: number
}

/**
 * The network an installation reports from: most have their own, some share one with others (an
 * office, a hosting provider), as real populations do. /24s of 100.64.0.0/10 (shared address space).
 */
function drawNetwork(pick: Random, size: number): string {
  const n = Math.floor(pick() * Math.max(3, Math.ceil(size * 0.8))) % 16_384
  return `100.${64 + (n >>> 8)}.${n & 255}.0/24`
}

function drawInstallation(pick: Random, seed: number, index: number, days: number, size: number): Installation {
  const config = anonymize(staticConfigSchema, drawConfiguration(pick))
  const released = RELEASES.filter((release) => release.at <= 0).length
  // Older releases are rarer at the start: weights 1, 2, 3… towards the newest one out.
  const weights = Array.from({ length: released }, (_, i) => i + 1)
  let left = pick() * weights.reduce((sum, weight) => sum + weight, 0)
  const initial = weights.findIndex((weight) => (left -= weight) < 0)
  const hash = createHash('sha256').update(`${seed}:${index}`).digest('hex')
  // Drawn from the hash, not the generator: the rest of the population is what earlier versions seeded.
  const fromHash = Number.parseInt(hash.slice(0, 8), 16) / 2 ** 32
  return {
    hash,
    network: drawNetwork(pick, size),
    country: weighted(() => fromHash, COUNTRIES),
    configuration: storedConfiguration(staticConfigSchema, config),
    initial: Math.max(0, initial),
    upgradeDelay: drawUpgradeDelay(pick, days),
  }
}

/** The newest release out `upgradeDelay` days before `day` (a window index), or the one it started with. */
function versionOn(installation: Installation, day: number, days: number): string {
  let index = installation.initial
  RELEASES.forEach((release, i) => {
    if (i > index && Math.round(release.at * days) + installation.upgradeDelay <= day) index = i
  })
  return (RELEASES[index] as { version: string }).version
}

/** `count` distinct indexes below `size`, in random order (a partial Fisher–Yates shuffle). */
function sample(pick: Random, size: number, count: number, order: number[]): number[] {
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(pick() * (size - i))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  return order.slice(0, count)
}

export interface SeedOptions {
  reports: number
  days: number
  seed: number
  now?: Date
  /** Reports per store write. */
  batchSize?: number
}

/** The number of installations seeded for `reports` over `days`. */
export const populationSize = (reports: number, days: number) => Math.max(1, Math.ceil(reports / days / REPORTING_RATE))

/** What `seedStore` wrote. */
export interface Seeded {
  reports: number
  /** Distinct installations among the reports written. */
  installations: number
  days: number
  from: string
  to: string
  /** The versions the population runs, oldest first, as a releases file (`serve --releases`) lists them. */
  versions: readonly string[]
  releasesFile: string
}

/** Writes exactly `reports` reports, spread evenly over the `days` days ending yesterday (the last finished UTC day). */
export async function seedStore(store: Store, options: SeedOptions): Promise<Seeded> {
  const { reports, days, seed, now = new Date(), batchSize = 1000 } = options
  const pick = random(seed)
  const size = populationSize(reports, days)
  const population = Array.from({ length: size }, (_, index) => drawInstallation(pick, seed, index, days, size))
  const order = population.map((_, index) => index)
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY_MS
  let batch: StoredReport[] = []
  const reporting = new Set<number>()
  let written = 0
  for (let day = 0; day < days; day++) {
    const quota = Math.floor(reports / days) + (day < reports % days ? 1 : 0)
    const date = new Date(start + day * DAY_MS).toISOString().slice(0, 10)
    for (const index of sample(pick, size, Math.min(quota, size), order)) {
      const installation = population[index] as Installation
      reporting.add(index)
      written++
      const received = new Date(start + day * DAY_MS + Math.floor(pick() * DAY_MS))
      batch.push({
        id: `seed-${seed}-${day}-${index}`,
        day: date,
        received: received.toISOString(),
        hash: installation.hash,
        version: versionOn(installation, day, days),
        network: installation.network,
        ip: '',
        // No autonomous system: the networks are shared address space, announced by none.
        country: installation.country,
        asn: 0,
        configuration: installation.configuration,
      })
      if (batch.length >= batchSize) {
        await store.write({ reports: batch, versionChecks: [], refusals: [] })
        batch = []
      }
    }
  }
  if (batch.length) await store.write({ reports: batch, versionChecks: [], refusals: [] })
  const dayOf = (index: number) => new Date(start + index * DAY_MS).toISOString().slice(0, 10)
  return {
    reports: written,
    installations: reporting.size,
    days,
    from: dayOf(0),
    to: dayOf(days - 1),
    versions: RELEASES.map((release) => release.version),
    releasesFile: releasesFile(RELEASES, start, days),
  }
}
