import { createHash } from 'node:crypto'
import { anonymize, optionRows } from '@baqup/core'
import { staticConfigSchema } from '@baqup/schemas'
import type { Store, StoredReport } from './store/store.js'

/** A generated population of reports, deterministic for a seed: for demonstrations and benchmarks. */

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VERSIONS = ['3.0.0', '3.0.1', '3.1.0', '3.1.1', '3.2.0']
const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG']
const PROVIDERS = ['docker', 'file', 'kubernetesCRD', 'swarm', 'consulCatalog']

function configuration(pick: () => number): Record<string, unknown> {
  const provider = PROVIDERS[Math.floor(pick() * PROVIDERS.length)] as string
  return anonymize(staticConfigSchema, {
    global: { sendAnonymousUsage: true, checkNewVersion: pick() < 0.8 },
    log: { level: LEVELS[Math.floor(pick() * LEVELS.length)] },
    entryPoints: { web: { address: ':80' }, ...(pick() < 0.6 && { websecure: { address: ':443' } }) },
    providers: { [provider]: {} },
    ...(pick() < 0.3 && { api: { dashboard: true } }),
    ...(pick() < 0.2 && { metrics: { prometheus: {} } }),
  })
}

export interface SeedOptions {
  reports: number
  days: number
  seed: number
  now?: Date
}

export async function seedStore(store: Store, { reports, days, seed, now = new Date() }: SeedOptions): Promise<void> {
  const pick = random(seed)
  const installations = Math.max(1, Math.ceil(reports / Math.max(1, days)))
  let batch: StoredReport[] = []
  for (let index = 0; index < reports; index++) {
    const installation = Math.floor(pick() * installations)
    const received = new Date(now.getTime() - Math.floor(pick() * days) * 86_400_000)
    const config = configuration(pick)
    batch.push({
      id: `seed-${seed}-${index}`,
      day: received.toISOString().slice(0, 10),
      received: received.toISOString(),
      hash: createHash('sha256').update(`${seed}:${installation}`).digest('hex'),
      version: VERSIONS[Math.floor(pick() * VERSIONS.length)] as string,
      codename: 'cheddar',
      buildDate: '2025-01-01',
      network: `198.51.${installation % 256}.0/24`,
      ip: '',
      configuration: JSON.stringify(config),
      options: optionRows(staticConfigSchema, config),
    })
    if (batch.length === 1000) {
      await store.write({ reports: batch, versionChecks: [], refusals: [] })
      batch = []
    }
  }
  if (batch.length) await store.write({ reports: batch, versionChecks: [], refusals: [] })
}
