import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { BAQUP_VERSION, staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { walk } from '../../core/src/schema/walk.js'
import { configArbitrary, materialize } from '../../core/test/fixtures/anonymize/config-arbitrary.js'
import { CLIENT, collectorForClients, NEWEST_RELEASE } from './support/client-fixture.js'
import { runBin, stats } from './support/collector.js'
import { anonymized, post, report } from './support/reports.js'

const fixture = collectorForClients('collector-client-')

function client(args: string[]) {
  const env = {
    ...process.env,
    BAQUP_TELEMETRY_STATE: join(fixture.folder, 'state.json'),
    BAQUP_TELEMETRY_COLLECTOR_URL: `${fixture.collector.url}/`,
    BAQUP_TELEMETRY_UPDATE_URL: `${fixture.collector.url}/`,
    DO_NOT_TRACK: '',
  }
  return promisify(execFile)(process.execPath, [CLIENT, ...args], { env, cwd: fixture.folder })
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
    expect(checkOutput).toContain(NEWEST_RELEASE)
  })

  it('accepts generated configurations once anonymized, refuses them before', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(configArbitrary(walk(staticConfigSchema)).map(materialize), async (planted) => {
        secrets.push(...planted.secrets)
        // The configurations are generated from the newest release's schema: sent as that release's.
        const newest = { version: BAQUP_VERSION }
        expect((await post(fixture.collector.url, report(anonymized(planted.config), newest))).status).toBe(200)
        if (planted.secrets.length > 0) {
          const raw = await post(fixture.collector.url, report(planted.config, newest))
          expect([400, 422]).toContain(raw.status)
          for (const secret of planted.secrets) expect(JSON.stringify(raw.body)).not.toContain(secret)
        }
      }),
      { numRuns: 40 },
    )
  })

  it("stores the client's report anonymized, the version check, and none of the secrets", async () => {
    expect(await fixture.collector.stop()).toBe(0)
    const day = new Date().toISOString().slice(0, 10)
    const exported = await runBin(['export', `--store=${fixture.store}`, `--day=${day}`, '--raw'])
    const rows = JSON.parse(exported.stdout) as { configuration: Record<string, any> }[]
    expect(rows.map((row) => row.configuration)).toContainEqual({
      global: { sendAnonymousUsage: true },
      entryPoints: { web: { address: ':80' } },
      providers: { docker: { endpoint: 'xxxx' } },
    })
    const file = readFileSync(fixture.store, 'latin1')
    expect(file.includes('10.1.2.3')).toBe(false)
    expect(secrets.filter((secret) => file.includes(secret))).toEqual([])
    // The log names refused paths (`providers.ecs.secretAccessKey` is one), never the values planted there.
    const log = fixture.collector.stderr()
    expect(log).not.toContain('10.1.2.3')
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([])
    expect((await stats(fixture.store)).versionChecks).toBe(1)
  })
})
