import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startServer, type TestServer } from '../support/http-server.js'

const coreDir = fileURLToPath(new URL('../../', import.meta.url))
const builtEntry = join(coreDir, 'dist', 'index.js')
const builtStart = join(coreDir, 'dist', 'telemetry', 'start.js')

/** True when dist/ holds the runtime and is not older than any of its sources. */
async function buildIsCurrent(): Promise<boolean> {
  if (!existsSync(builtStart)) return false
  const sources = await readdir(join(coreDir, 'src', 'telemetry'))
  const built = statSync(builtStart).mtimeMs
  return sources.every((name) => statSync(join(coreDir, 'src', 'telemetry', name)).mtimeMs <= built)
}

let buildProblem = ''
let server: TestServer
let folder: string

beforeAll(async () => {
  if (!(await buildIsCurrent())) {
    // Type errors elsewhere in the package do not stop tsc from emitting; only a missing output does.
    await new Promise<void>((resolve) =>
      execFile('npx', ['tsc', '-p', join(coreDir, 'tsconfig.json')], { cwd: coreDir, timeout: 120_000 }, () =>
        resolve(),
      ),
    )
  }
  if (!existsSync(builtStart)) buildProblem = `no build at ${builtEntry} (tsc failed?): child-process test skipped`
  server = await startServer((_request, response) => json(response, [{ tag_name: 'v3.1.0' }]))
  folder = mkdtempSync(join(tmpdir(), 'baqup-telemetry-child-'))
}, 150_000)
afterAll(async () => {
  await server?.close()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** Runs a module in a fresh node; resolves with its exit code and output, or kills it after `limitMs`. */
function runNode(script: string, limitMs: number) {
  return new Promise<{ code: number | null; killed: boolean; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const guard = setTimeout(() => child.kill('SIGKILL'), limitMs)
    child.on('exit', (code, signal) => {
      clearTimeout(guard)
      resolve({ code, killed: signal === 'SIGKILL', stdout, stderr })
    })
  })
}

describe('a process embedding the runtime', () => {
  it('ends on its own after starting telemetry and making a request: no timer or socket keeps it alive', async (context) => {
    if (buildProblem) return context.skip(buildProblem)
    const script = join(folder, 'embed.mjs')
    writeFileSync(
      script,
      `
import { checkNewVersion, createTelemetryClient, startTelemetry } from ${JSON.stringify(pathToFileURL(builtEntry).href)}
const logger = { info: (m) => console.log('info', m), warn: (m) => console.log('warn', m), debug: () => {} }
const client = createTelemetryClient({ env: {} })
const result = await checkNewVersion({ version: '3.0.0', updateURL: ${JSON.stringify(server.url)}, client })
console.log('checked', result.newest)
startTelemetry({
  config: { checkNewVersion: true, sendAnonymousUsage: true },
  payload: () => ({ version: '3.0.0', codename: 'c', buildDate: 'd', configuration: 'e30=', hash: 'h' }),
  version: '3.0.0',
  logger,
  updateURL: ${JSON.stringify(server.url)},
  collectorURL: ${JSON.stringify(`${server.url}collect`)},
  statePath: ${JSON.stringify(join(folder, 'state.json'))},
  env: {},
})
console.log('started')
`,
    )
    const result = await runNode(script, 30_000)
    expect(result.killed).toBe(false)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('checked v3.1.0')
    expect(result.stdout).toContain('info Version check is enabled')
    expect(result.stdout.trim().endsWith('started')).toBe(true)
    expect(server.requests).toHaveLength(1)
  })
})
