import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BAQUP_VERSION } from '@baqup/schemas'
import { afterAll, beforeAll } from 'vitest'
import { type Running, serve } from './collector.js'

/** The built `baqup-telemetry`, the client the collector serves. */
export const CLIENT = fileURLToPath(new URL('../../../cli/bin/baqup-telemetry.mjs', import.meta.url))

/** The newest release the collector's releases file lists. */
export const NEWEST_RELEASE = 'v3.9.0'

export interface CollectorFixture {
  /** The temporary folder: the DuckDB store, the releases file, the client's state. */
  folder: string
  store: string
  collector: Running
}

/** A collector on a DuckDB store in a temporary folder, serving one release, for the tests of this file. */
export function collectorForClients(prefix: string): CollectorFixture {
  const fixture = {} as CollectorFixture
  beforeAll(async () => {
    fixture.folder = mkdtempSync(join(tmpdir(), prefix))
    fixture.store = join(fixture.folder, 'collector.duckdb')
    const releases = join(fixture.folder, 'releases.json')
    // The client's own version, and the one `support/reports.ts` sends, are releases the collector knows
    // (else their reports are refused unknown-version).
    const listed = [NEWEST_RELEASE, `v${BAQUP_VERSION}`, 'v3.1.0'].map((tag) => ({
      tag_name: tag,
      draft: false,
      prerelease: false,
    }))
    writeFileSync(releases, JSON.stringify(listed))
    fixture.collector = await serve([`--store=${fixture.store}`, `--releases=${releases}`])
  })
  afterAll(async () => {
    await fixture.collector?.stop()
    rmSync(fixture.folder, { recursive: true, force: true })
  })
  return fixture
}
