import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CLIENT, collectorForClients, NEWEST_RELEASE } from './support/client-fixture.js'
import { runBin, stats } from './support/collector.js'

// The client's schedule has no hook of its own: its long timers are compressed from outside.
const COMPRESS_TIMERS = fileURLToPath(new URL('./support/compress-timers.mjs', import.meta.url))

const fixture = collectorForClients('collector-run-')

function startRun(args: string[]): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', COMPRESS_TIMERS, CLIENT, 'run', ...args], {
    cwd: fixture.folder,
    env: {
      ...process.env,
      HOME: fixture.folder,
      BAQUP_TELEMETRY_STATE: join(fixture.folder, 'state.json'),
      BAQUP_TELEMETRY_COLLECTOR_URL: `${fixture.collector.url}/`,
      BAQUP_TELEMETRY_UPDATE_URL: `${fixture.collector.url}/`,
      DO_NOT_TRACK: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stderr?.on('data', (chunk) => {
    log += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { child, log: () => log, exited }
}

/** A counter of the collector's Prometheus text. */
async function counter(name: string): Promise<number> {
  const text = await (await fetch(fixture.collector.metricsURL)).text()
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
}

describe('baqup-telemetry run against baqup-collector', () => {
  it('runs the version check and the usage report on its schedule; their rows appear', {
    timeout: 60_000,
  }, async () => {
    const run = startRun(['--global.sendAnonymousUsage=true', '--log.level=DEBUG', '--providers.docker.endpoint=x'])
    await expect.poll(() => counter('collector_version_checks_total'), { timeout: 30_000 }).toBe(1)
    await expect.poll(() => counter('collector_reports_accepted_total'), { timeout: 30_000 }).toBe(1)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(run.log()).toContain(NEWEST_RELEASE)
    expect(await fixture.collector.stop()).toBe(0)

    expect(await stats(fixture.store)).toMatchObject({ reports: 1, installations: 1, versionChecks: 1, refused: {} })
    const day = new Date().toISOString().slice(0, 10)
    const exported = JSON.parse((await runBin(['export', `--store=${fixture.store}`, `--day=${day}`, '--raw'])).stdout)
    expect(exported).toHaveLength(1)
    expect(exported[0].configuration).toEqual({
      global: { sendAnonymousUsage: true },
      log: { level: 'DEBUG' },
      providers: { docker: { endpoint: 'xxxx' } },
    })
  })
})
