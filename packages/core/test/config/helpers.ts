import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { legacyOptions, staticConfigSchema } from '@baqup/schemas'
import { afterAll, expect } from 'vitest'
import { ConfigError } from '../../src/config/errors.js'
import { type LoadOptions, loadConfig, parseConfigText } from '../../src/config/load.js'

export const schema = staticConfigSchema

const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baqup-config-'))
  made.push(dir)
  return dir
}

export function writeIn(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

/** Baqup's removed and v1 options, as the CLI passes them (core has no table of its own). */
export const legacy = legacyOptions

export const yaml = (text: string) => parseConfigText(text, 'yaml', schema, 't.yaml', { legacy })
export const toml = (text: string) => parseConfigText(text, 'toml', schema, 't.toml', { legacy })

/** Loads with nothing from the machine: no file search, no real environment. */
export const load = (options: Partial<LoadOptions>) =>
  loadConfig({ schema, env: {}, cwd: tempDir(), legacy, ...options })
export const fromFlags = (...argv: string[]) => load({ argv }).config
export const fromEnv = (env: Record<string, string>) => load({ env, envPrefix: 'BAQUP_' }).config

/** The ConfigError a call throws (the test fails when it throws nothing, or something else). */
export function errorOf(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError, nothing was thrown')
}
