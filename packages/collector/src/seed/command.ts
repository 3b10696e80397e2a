import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Seeded, seedStore } from '../seed.js'
import { isClickHouse } from '../store/open.js'
import type { Store } from '../store/store.js'

/**
 * `seed`: the population, and the releases file that goes with it. The file is written next to a
 * DuckDB store (`demo.duckdb` → `demo.releases.json`) unless `--releases-out` names another; a
 * ClickHouse store has no "next to", so there it is written only when named.
 */

/** Where the releases file goes: `--releases-out`, else beside a DuckDB file, else nowhere. */
export function releasesPath(location: string, out: unknown): string | undefined {
  if (typeof out === 'string' && out !== '') return out
  if (isClickHouse(location)) return undefined
  return `${location.replace(/\.duckdb$/i, '')}.releases.json`
}

export interface SeedCommandOptions {
  reports: number
  days: number
  seed: number
  /** The store's location as given (for the text), and where the releases file goes. */
  location: string
  releasesOut?: string
}

/** Seeds the store, writes the releases file, and returns what to print. */
export async function seedCommand(store: Store, options: SeedCommandOptions): Promise<string> {
  const { location, releasesOut, ...population } = options
  const seeded: Seeded = await seedStore(store, population)
  if (releasesOut) writeFileSync(resolve(releasesOut), seeded.releasesFile)
  const versions = `${seeded.versions[0]} to ${seeded.versions.at(-1)}`
  return [
    `seeded ${location}: ${seeded.reports} reports from ${seeded.installations} installations over ${seeded.days} days (${seeded.from} to ${seeded.to}), versions ${versions}`,
    releasesOut
      ? `releases ${versions}: ${releasesOut} (serve --store=${location} --releases=${releasesOut})`
      : `releases: not written (--releases-out=FILE writes them, for serve --releases=FILE)`,
    '',
  ].join('\n')
}
