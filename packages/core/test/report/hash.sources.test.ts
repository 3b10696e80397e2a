import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { configHash } from '../../src/report/hash.js'

/** One configuration written in every source Baqup reads, in other key orders and cases. */

const KEY = 'e'.repeat(64)
const folder = mkdtempSync(join(tmpdir(), 'baqup-hash-'))
/** An empty place to search, so that flags and variables are not overridden by a file found there. */
const empty = mkdtempSync(join(tmpdir(), 'baqup-hash-empty-'))
const noFileFound = { home: empty, cwd: empty, systemDir: empty, fileName: 'baqup', envPrefix: 'BAQUP_' }

function fromFile(name: string, text: string) {
  const path = join(folder, name)
  writeFileSync(path, text)
  return loadConfig({ schema: staticConfigSchema, ...noFileFound, argv: [`--configFile=${path}`] })
}
const fromFlags = (argv: string[]) => loadConfig({ schema: staticConfigSchema, ...noFileFound, argv })
const fromEnv = (env: Record<string, string>) => loadConfig({ schema: staticConfigSchema, ...noFileFound, env })

const YAML = `entryPoints:
  web:
    address: ":80"
    transport:
      respondingTimeouts:
        readTimeout: 90
providers:
  docker:
    exposedByDefault: false
log:
  level: DEBUG
api: {}
`
const TOML = `[API]
[log]
LEVEL = "DEBUG"
[providers.Docker]
exposedbydefault = false
[entrypoints.web]
address = ":80"
[entrypoints.web.transport.respondingTimeouts]
readTimeout = "1m30s"
`
const FLAGS = [
  '--api',
  '--log.level=DEBUG',
  '--providers.docker.exposedByDefault=false',
  '--entryPoints.web.transport.respondingTimeouts.readTimeout=1m30s',
  '--entrypoints.web.address=:80',
]
const ENV = {
  BAQUP_ENTRYPOINTS_WEB_ADDRESS: ':80',
  BAQUP_ENTRYPOINTS_WEB_TRANSPORT_RESPONDINGTIMEOUTS_READTIMEOUT: '90s',
  BAQUP_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT: 'false',
  BAQUP_LOG_LEVEL: 'DEBUG',
  BAQUP_API: 'true',
}

const forms = [
  ['TOML', 'file', () => fromFile('baqup.toml', TOML)],
  ['flags', 'flags', () => fromFlags(FLAGS)],
  ['environment variables', 'env', () => fromEnv(ENV)],
] as const
const yamlHash = () => configHash(fromFile('baqup.yaml', YAML).effective, KEY)

describe('configHash across sources', () => {
  it.each(forms)('%s give the same hash as YAML', (_, kind, load) => {
    const loaded = load()
    expect(loaded.source.kind).toBe(kind)
    expect(configHash(loaded.effective, KEY)).toBe(yamlHash())
  })

  it('gives another hash when one value differs', () => {
    const other = fromFlags(FLAGS.map((flag) => flag.replace('=1m30s', '=1m31s')))
    expect(other.source.kind).toBe('flags')
    expect(configHash(other.effective, KEY)).not.toBe(yamlHash())
  })
})
