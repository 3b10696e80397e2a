import { expect } from 'vitest'
import { type CliOptions, runCli } from './run-cli.js'

/** The anonymized copy of examples/baqup.yaml, as the Baqup documentation shows it. */
export const EXAMPLE_ANONYMIZED = {
  entryPoints: { web: { address: ':80' } },
  api: {},
  providers: {
    docker: {
      endpoint: 'xxxx',
      exposedByDefault: true,
      tls: { ca: 'xxxx', cert: 'xxxx', key: 'xxxx', insecureSkipVerify: true },
    },
  },
}

export interface MechanismJSON {
  enabled: boolean
  why: string
  request?: { method: string; url: string; headers: Record<string, string>; body?: string }
}

export interface InspectJSON {
  source: { kind: string; path?: string }
  warnings: string[]
  global: { checkNewVersion: boolean; sendAnonymousUsage: boolean }
  /** With --include-config only. */
  config?: Record<string, unknown>
  anonymized: Record<string, unknown>
  hash: string
  payload: { version: string; codename: string; buildDate: string; configuration: string; hash: string }
  mechanisms: { versionCheck: MechanismJSON; usageStatistics: MechanismJSON }
}

/** `inspect --json`, checked to be one JSON object alone on stdout and a success. */
export async function inspectJSON(args: string[], options: CliOptions = {}): Promise<InspectJSON> {
  const { code, stdout, stderr } = await runCli(['inspect', '--json', ...args], options)
  expect(stderr).toBe('')
  expect(code).toBe(0)
  return JSON.parse(stdout) as InspectJSON
}

export function decodeConfiguration(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8')
}

/** The lines of a human report between the line starting with `from` and the next one starting with `to`. */
export function section(report: string, from: string, to: string): string {
  const lines = report.split('\n')
  const start = lines.findIndex((line) => line.startsWith(from))
  const end = lines.findIndex((line, index) => index > start && line.startsWith(to))
  expect(start, `"${from}" in the report`).toBeGreaterThanOrEqual(0)
  expect(end, `"${to}" after "${from}"`).toBeGreaterThan(start)
  return lines.slice(start + 1, end).join('\n')
}

export const dedent = (text: string, by = 2) => text.replace(new RegExp(`^ {${by}}`, 'gm'), '')
