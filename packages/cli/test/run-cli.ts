import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const packageRoot = fileURLToPath(new URL('../', import.meta.url))

/** Everything this file creates lives under one folder, removed when the test process ends. */
const scratch = mkdtempSync(join(tmpdir(), 'baqup-cli-test-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))

/** The built binary: `pnpm test` builds before testing. */
export const bin = join(packageRoot, 'bin', 'baqup-telemetry.mjs')
if (!existsSync(join(packageRoot, 'dist', 'main.cjs'))) {
  throw new Error('packages/cli/dist/main.cjs is missing: run "pnpm build" first')
}

/** A fresh home, XDG folders and telemetry state file: no test reads or writes the machine's own. */
export interface Sandbox {
  dir: string
  statePath: string
  env: Record<string, string>
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(scratch, 'home-'))
  for (const sub of ['config', 'state']) mkdirSync(join(dir, sub))
  const statePath = join(dir, 'state', 'baqup', 'telemetry.json')
  const env = {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_STATE_HOME: join(dir, 'state'),
    BAQUP_TELEMETRY_STATE: statePath,
  }
  return { dir, statePath, env }
}

/**
 * The caller's environment without anything that changes the CLI's behaviour: BAQUP_*, proxies,
 * colour switches, the terminal width, and the CI and test markers that make consola colour a pipe or hide info lines.
 */
function cleanEnvironment(): Record<string, string> {
  const noisy =
    /^(BAQUP_|DO_NOT_TRACK$|NO_COLOR$|FORCE_COLOR$|COLUMNS$|https?_proxy$|no_proxy$|CI$|GITHUB_ACTIONS$|GITLAB_CI$|CIRCLECI$|TEST$|VITEST|NODE_ENV$|CONSOLA_)/i
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => !noisy.test(entry[0]) && !!entry[1]),
  )
}

export interface CliOptions {
  env?: Record<string, string>
  cwd?: string
  timeoutMs?: number
  /** Share a home and state file between several runs; a fresh one otherwise. */
  home?: Sandbox
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliProcess {
  child: ChildProcess
  output(): CliResult
  /** Resolves once stdout or stderr matches `pattern`; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<void>
  exited: Promise<CliResult>
}

/** Starts the binary in a clean environment and a fresh sandbox (its cwd too, unless given). */
export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const home = options.home ?? sandbox()
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? home.dir,
    env: { ...cleanEnvironment(), ...home.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const result: CliResult = { code: null, stdout: '', stderr: '' }
  let closed = false
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of listeners) listener()
  }
  child.stdout?.on('data', (chunk) => {
    result.stdout += chunk
    notify()
  })
  child.stderr?.on('data', (chunk) => {
    result.stderr += chunk
    notify()
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000)
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      result.code = code
      closed = true
      notify()
      resolve(result)
    })
  })
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(result.stdout) || pattern.test(result.stderr)) resolve()
        else if (closed) reject(new Error(`exited before printing ${pattern}: ${result.stderr}`))
        else return
        listeners.delete(check)
      }
      listeners.add(check)
      check()
    })
  return { child, output: () => result, waitFor, exited }
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).exited
}

export const ANSI = /\u001b\[/
/** A JavaScript stack frame, which must never reach the operator. */
export const STACK_FRAME = /^\s{4}at /m
export const example = (name: string) => join(repoRoot, 'examples', name)
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
