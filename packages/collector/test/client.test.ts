import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { walk } from '../../core/src/schema/walk.js'
import { configArbitrary, materialize } from '../../core/test/fixtures/anonymize/config-arbitrary.js'
import { type Running, runBin, serve, stats } from './support/collector.js'
import { anonymized, post, report } from './support/reports.js'

const CLIENT = fileURLToPath(new URL('../../cli/bin/baqup-telemetry.mjs', import.meta.url))
let folder: string
let store: string
let collector: Running

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'collector-client-'))
  store = join(folder, 'collector.duckdb')
  const releases = join(folder, 'releases.json')
  writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.9.0', draft: false, prerelease: false }]))
  collector = await serve([`--store=${store}`, `--releases=${releases}`])
})
afterAll(async () => {
  await collector?.stop()
  rmSync(folder, { recursive: true, force: true })
})

function client(args: string[]) {
  const env = {
    ...process.env,
    BAQUP_TELEMETRY_STATE: join(folder, 'state.json'),
    BAQUP_TELEMETRY_COLLECTOR_URL: `${collector.url}/`,
    BAQUP_TELEMETRY_UPDATE_URL: `${collector.url}/`,
    DO_NOT_TRACK: '',
  }
  return promisify(execFile)(process.execPath, [CLIENT, ...args], { env, cwd: folder })
}

// DuckDB lets one process hold its file: the store is read once the collector has stopped.
describe('baqup-telemetry against baqup-collector', () => {
  const secrets: string[] = []
  let checkOutput = ''

  it('send and check-version: both answered', async () => {
    await client([
      'send',
      '--global.sendAnonymousUsage=true',
      '--entryPoints.web.address=:80',
      '--providers.docker.endpoint=tcp://10.1.2.3:2375',
    ])
    const { stdout, stderr } = await client(['check-version', '--current=3.0.0'])
    checkOutput = `${stdout}${stderr}`
    expect(checkOutput).toContain('v3.9.0')
  })

  it('accepts generated configurations once anonymized, refuses them before', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(configArbitrary(walk(staticConfigSchema)).map(materialize), async (planted) => {
        secrets.push(...planted.secrets)
        expect((await post(collector.url, report(anonymized(planted.config)))).status).toBe(200)
        if (planted.secrets.length > 0) {
          const raw = await post(collector.url, report(planted.config))
          expect([400, 422]).toContain(raw.status)
          for (const secret of planted.secrets) expect(JSON.stringify(raw.body)).not.toContain(secret)
        }
      }),
      { numRuns: 40 },
    )
  })

  it("stores the client's report anonymized, the version check, and none of the secrets", async () => {
    expect(await collector.stop()).toBe(0)
    const day = new Date().toISOString().slice(0, 10)
    const exported = await runBin(['export', `--store=${store}`, `--day=${day}`, '--raw'])
    const rows = JSON.parse(exported.stdout) as { configuration: Record<string, any> }[]
    expect(rows.map((row) => row.configuration)).toContainEqual({
      global: { sendAnonymousUsage: true },
      entryPoints: { web: { address: ':80' } },
      providers: { docker: { endpoint: 'xxxx' } },
    })
    const file = readFileSync(store, 'latin1')
    expect(file.includes('10.1.2.3')).toBe(false)
    expect(secrets.filter((secret) => file.includes(secret))).toEqual([])
    // The log names refused paths (`providers.ecs.secretAccessKey` is one), never the values planted there.
    const log = collector.stderr()
    expect(log).not.toContain('10.1.2.3')
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([])
    expect((await stats(store)).versionChecks).toBe(1)
  })
})
