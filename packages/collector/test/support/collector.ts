import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The built `baqup-collector`, spawned as an operator would run it. */

export const BIN = fileURLToPath(new URL('../../bin/baqup-collector.mjs', import.meta.url))

export interface Running {
  url: string
  /** `http://127.0.0.1:PORT/metrics`: the private metrics listener every test collector has. */
  metricsURL: string
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export async function serve(args: readonly string[], env: Record<string, string> = {}): Promise<Running> {
  const listen = args.some((arg) => arg.startsWith('--listen')) ? [] : ['--listen=127.0.0.1:0']
  const metrics = args.some((arg) => arg.startsWith('--metrics-listen')) ? [] : ['--metrics-listen=127.0.0.1:0']
  const child = spawn(process.execPath, [BIN, 'serve', ...listen, ...metrics, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const [url, metricsURL] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1]
      const metricsFound = /metrics on (http:\/\/[^\s]+)/.exec(out)?.[1]
      if (found && metricsFound) {
        clearInterval(timer)
        resolve([found, metricsFound])
      } else if (child.exitCode !== null) {
        clearInterval(timer)
        reject(new Error(`collector exited ${child.exitCode}: ${err}`))
      }
    }, 50)
  })
  return {
    url,
    metricsURL,
    child,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

export async function runBin(args: readonly string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

export async function stats(store: string) {
  const { stdout, code, stderr } = await runBin(['stats', `--store=${store}`, '--json'])
  if (code !== 0) throw new Error(`stats failed: ${stderr}`)
  return JSON.parse(stdout) as {
    reports: number
    installations: number
    versionChecks: number
    refused: Record<string, number>
  }
}
