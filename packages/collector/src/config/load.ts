import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parse as parseToml } from '@iarna/toml'
import { parse as parseYaml } from 'yaml'
import type * as z from 'zod'
import { type CollectorConfig, collectorConfigSchema } from './schema.js'

/** A mistake in the collector's configuration: where it comes from and what is wrong, without a stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const ENV_PREFIX = 'BAQUP_COLLECTOR_'
/**
 * Variables that are not settings: the file of settings, and the ClickHouse password, which is
 * only ever read from the environment (or the store URL), never from a flag that `ps` would show.
 */
export const ENV_ONLY = {
  config: `${ENV_PREFIX}CONFIG`,
  clickhousePassword: `${ENV_PREFIX}CLICKHOUSE_PASSWORD`,
} as const
const NOT_SETTINGS = new Set<string>(Object.values(ENV_ONLY))
const KEYS = Object.keys(collectorConfigSchema.shape)

/** `BAQUP_COLLECTOR_RELEASES_UPSTREAM` → `releasesUpstream`. */
function envKey(name: string): string {
  return name
    .slice(ENV_PREFIX.length)
    .toLowerCase()
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

function fromEnv(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined || NOT_SETTINGS.has(name)) continue
    const key = envKey(name)
    if (!KEYS.includes(key)) throw new UsageError(`${name}: unknown setting`)
    out[key] = value
  }
  return out
}

function fromFile(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  try {
    const parsed = extname(path) === '.toml' ? parseToml(text) : parseYaml(text)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  } catch (error) {
    throw new UsageError(
      `${path}: not valid ${extname(path) === '.toml' ? 'TOML' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    )
  }
}

function describeIssue(issue: z.core.$ZodIssue, origins: Record<string, string>): string {
  const key = String(issue.path[0] ?? '')
  if (issue.code === 'unrecognized_keys') return `unknown setting(s) ${issue.keys.join(', ')}`
  return `${origins[key] ?? key}: ${issue.message}`
}

export interface ConfigSources {
  /** Settings from flags, already camel-cased; undefined values are not set. */
  flags: Record<string, unknown>
  env: Record<string, string | undefined>
  file?: string
}

/** File, then `BAQUP_COLLECTOR_*`, then flags: each setting from the highest source that has it. */
export function loadCollectorConfig({ flags, env, file }: ConfigSources): CollectorConfig {
  const path = file ?? env[ENV_ONLY.config]
  const layers: [string, Record<string, unknown>][] = [
    [path ?? '', path ? fromFile(path) : {}],
    ['env', fromEnv(env)],
    ['flags', Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined))],
  ]
  const merged: Record<string, unknown> = {}
  const origins: Record<string, string> = {}
  for (const [source, values] of layers) {
    for (const [key, value] of Object.entries(values)) {
      merged[key] = value
      origins[key] =
        source === 'env'
          ? `${ENV_PREFIX}${key.replace(/[A-Z]/g, (l) => `_${l}`).toUpperCase()}`
          : source === 'flags'
            ? `--${key.replace(/[A-Z]/g, (l) => `-${l.toLowerCase()}`)}`
            : `${source}: ${key}`
    }
  }
  const result = collectorConfigSchema.safeParse(merged)
  if (!result.success)
    throw new UsageError(result.error.issues.map((issue) => describeIssue(issue, origins)).join('; '))
  if (result.data.releases && result.data.releasesUpstream) {
    throw new UsageError('--releases and --releases-upstream: choose one source of releases')
  }
  return result.data
}
