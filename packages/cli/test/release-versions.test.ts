import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { optionHistory, optionInRelease } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { repoRoot, runCli, STACK_FRAME, sandbox } from './run-cli.js'

const corpusDir = join(repoRoot, '..', 'shared', 'reference', 'corpus')
const corpusFiles = existsSync(corpusDir) ? readdirSync(corpusDir).filter((name) => /\.(ya?ml|toml)$/.test(name)) : []

/** History paths as segments, for matching a concrete path (`entryPoints.web.x` against `entryPoints.<name>.x`). */
const historyPaths = [...optionHistory.keys()].map((path) => path.replaceAll('[]', '.<name>').split('.'))

/** Whether a concrete option path (or a group above options) exists in a release, by the history. */
function existsIn(concrete: string, release: '2.11' | '3.7'): boolean {
  const segments = concrete.split('.')
  return historyPaths.some((path, index) => {
    if (path.length < segments.length) return false
    const matches = segments.every(
      (segment, at) => path[at] === '<name>' || path[at]?.toLowerCase() === segment.toLowerCase(),
    )
    return matches && optionInRelease([...optionHistory.keys()][index] as string, release) !== undefined
  })
}

interface ErrorJSON {
  errors: { code: string; path: string | null; message: string }[]
}

describe('loading a corpus file under the release it was written for', async () => {
  if (corpusFiles.length === 0) {
    it.skip(`corpus not found at ${corpusDir}: corpus tests skipped (they run when ../shared/reference/corpus exists)`, () => {})
    return
  }
  // The files refused under the newest release for 2.x options only (pilot, providers.docker.swarmMode…).
  const refusedFor2x: string[] = []
  for (const file of corpusFiles) {
    const { code, stdout } = await runCli(['inspect', '--json', `--configFile=${join(corpusDir, file)}`])
    if (code !== 2) continue
    const { errors } = JSON.parse(stdout) as ErrorJSON
    const only2x = errors.every(
      (error) =>
        error.code === 'unknown-option' && error.path && existsIn(error.path, '2.11') && !existsIn(error.path, '3.7'),
    )
    if (only2x) refusedFor2x.push(file)
  }

  it('finds the v2 files the newest release refuses for 2.x options only', () => {
    expect(refusedFor2x.length).toBeGreaterThanOrEqual(3)
  })

  it.each(refusedFor2x.map((file) => [file]))('loads %s under --baqup-version=2.11.0', async (file) => {
    const { code, stdout, stderr } = await runCli([
      'inspect',
      '--json',
      `--configFile=${join(corpusDir, file)}`,
      '--baqup-version=2.11.0',
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout).payload.version).toBe('2.11.0')
  })
})

describe('an option outside the running release', () => {
  it('is refused under 3.0 when it came in 3.5, located, with its release (exit 2)', async () => {
    const home = sandbox()
    const file = join(home.dir, 'baqup.yaml')
    writeFileSync(file, 'providers:\n  kubernetesIngressNGINX: {}\n')
    const { code, stdout, stderr } = await runCli(['inspect', `--configFile=${file}`, '--baqup-version=3.0.0'], {
      home,
    })
    expect(stdout).toBe('')
    expect(stderr).toBe(
      `baqup-telemetry: ${file}:2:3: providers.kubernetesIngressNGINX: added in 3.5 (Baqup 3.0 does not have it)\n`,
    )
    expect(code).toBe(2)
  })

  it('is refused as a flag and as a variable alike', async () => {
    const flag = await runCli(['inspect', '--providers.kubernetesIngressNGINX', '--baqup-version=3.0.0'])
    expect(flag.stderr).toBe(
      'baqup-telemetry: --providers.kubernetesIngressNGINX: added in 3.5 (Baqup 3.0 does not have it)\n',
    )
    expect(flag.code).toBe(2)
    const env = await runCli(['inspect', '--baqup-version=2.4.0'], { env: { BAQUP_LOG_MAXSIZE: '10' } })
    expect(env.stderr).toBe(
      'baqup-telemetry: BAQUP_LOG_MAXSIZE: log.maxsize: added in 3.0 (Baqup 2.4 does not have it)\n',
    )
    expect(env.code).toBe(2)
  })

  it('says when an option was removed, with the migration hint where there is one', async () => {
    const removed = await runCli(['inspect', '--global.insecureSNI', '--baqup-version=2.5.0'])
    expect(removed.stderr).toBe('baqup-telemetry: --global.insecureSNI: removed in 2.3 (Baqup 2.5 does not have it)\n')
    const hinted = await runCli(['inspect', '--pilot.token=x', '--baqup-version=3.0.0'])
    expect(hinted.stderr).toBe(
      'baqup-telemetry: --pilot.token: pilot: removed in v3: Pilot was discontinued; delete this section\n',
    )
    expect([removed.code, hinted.code]).toEqual([2, 2])
  })

  it('is read where the release has it: 2.11 sends providers.docker.swarmMode, exported then', async () => {
    const { code, stdout } = await runCli([
      'inspect',
      '--json',
      '--providers.docker.swarmMode',
      '--pilot.token=s3cret',
      '--baqup-version=2.11.0',
    ])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).anonymized).toEqual({ providers: { docker: { swarmMode: true } } })
  })
})

describe('--baqup-version on flags and schema', () => {
  it('flags lists the options of the release', async () => {
    const list = async (args: string[]) =>
      JSON.parse((await runCli(['flags', '--json', ...args])).stdout) as { path: string }[]
    const [v20, v211, newest] = await Promise.all([
      list(['--baqup-version=2.0.0']),
      list(['--baqup-version=2.11.4']),
      list([]),
    ])
    expect([v20.length, v211.length, newest.length]).toEqual([194, 394, 530])
    expect(v211.map((option) => option.path)).toContain('pilot.token')
    expect(newest.map((option) => option.path)).not.toContain('pilot.token')
  })

  it('schema describes the release', async () => {
    const { code, stdout } = await runCli(['schema', '--baqup-version=2.11.0'])
    expect(code).toBe(0)
    const schema = JSON.parse(stdout) as { properties: Record<string, unknown> }
    expect(Object.keys(schema.properties)).toContain('pilot')
    expect(Object.keys(schema.properties)).not.toContain('spiffe')
  })

  it('refuses a version before 2.0 with a sentence (exit 2)', async () => {
    const { code, stdout, stderr } = await runCli(['flags', '--baqup-version=1.7.34'])
    expect(stdout).toBe('')
    expect(stderr).toBe(
      'baqup-telemetry: --baqup-version (or BAQUP_TELEMETRY_BAQUP_VERSION): Baqup 1.7.34 is older than 2.0, the first release whose static configuration is described (v1 files are not read since v2)\n',
    )
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(code).toBe(2)
  })
})
