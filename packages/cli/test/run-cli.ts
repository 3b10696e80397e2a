import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const bin = fileURLToPath(new URL('../bin/baqup-telemetry.mjs', import.meta.url))
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Spawns the built binary with a clean environment (no BAQUP_*, no proxies) plus `env`. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(BAQUP_|DO_NOT_TRACK|NO_COLOR|FORCE_COLOR|https?_proxy|no_proxy)/i.test(name),
    ),
  )
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...base, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export const ANSI = /\u001b\[/
