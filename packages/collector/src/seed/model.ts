/** The demonstration population's model: how common each provider, section and value is, and when releases came out. */

export type Random = () => number

/** A small fast PRNG (mulberry32): the same seed gives the same population. */
export function random(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One of `weights`' keys, in proportion to its weight. */
export function weighted<T extends string>(pick: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][]
  let left = pick() * entries.reduce((sum, [, weight]) => sum + weight, 0)
  for (const [key, weight] of entries) {
    left -= weight
    if (left < 0) return key
  }
  return (entries.at(-1) as [T, number])[0]
}

/** Share of installations using each provider; an installation may use several (docker with file is common). */
const PROVIDER_RATES: Readonly<Record<string, number>> = {
  docker: 0.58,
  file: 0.42,
  kubernetesCRD: 0.16,
  kubernetesIngress: 0.08,
  swarm: 0.06,
  consulCatalog: 0.025,
  http: 0.02,
  nomad: 0.012,
  ecs: 0.01,
  redis: 0.006,
}

/** Countries installations run in (ISO 3166-1 alpha-2), as a self-hosted reverse proxy's population might. */
export const COUNTRIES = {
  US: 24,
  DE: 16,
  FR: 9,
  CN: 7,
  GB: 6,
  NL: 5,
  RU: 4,
  JP: 3,
  BR: 3,
  CA: 3,
  PL: 3,
  IN: 3,
  ES: 2,
  IT: 2,
  SE: 2,
  CH: 2,
  AU: 2,
  KR: 1,
  FI: 1,
  CZ: 1,
} as const

const LOG_LEVELS = { INFO: 50, ERROR: 22, DEBUG: 15, WARN: 13 } as const
const CHALLENGES = { httpChallenge: 55, tlsChallenge: 30, dnsChallenge: 15 } as const

/** Sections switched on at their rate, each with the values a typical installation gives them. */
const SECTIONS: readonly [rate: number, section: (pick: Random) => Record<string, unknown>][] = [
  [0.45, () => ({ api: { dashboard: true } })],
  [0.3, (pick) => ({ accessLog: { format: pick() < 0.4 ? 'json' : 'common' } })],
  [0.22, (pick) => ({ metrics: { prometheus: { addRoutersLabels: pick() < 0.3 } } })],
  [0.04, () => ({ metrics: { otlp: {} } })],
  [0.1, () => ({ ping: {} })],
  [0.03, () => ({ experimental: { fastProxy: {} } })],
]

/** A provider's settings: the file provider needs a directory or a file; docker often hides containers by default. */
const PROVIDER_SETTINGS: Readonly<Record<string, (pick: Random) => Record<string, unknown>>> = {
  file: (pick) => (pick() < 0.7 ? { directory: '/etc/baqup/dynamic' } : { filename: '/etc/baqup/dynamic.yml' }),
  docker: (pick) => (pick() < 0.6 ? { exposedByDefault: false } : {}),
}

/** The anonymizable configuration of one installation: drawn once, kept for all its reports. */
export function drawConfiguration(pick: Random): Record<string, unknown> {
  const providers = Object.keys(PROVIDER_RATES).filter((name) => pick() < (PROVIDER_RATES[name] ?? 0))
  const config: Record<string, unknown> = {
    global: { sendAnonymousUsage: true, checkNewVersion: pick() < 0.8 },
    log: { level: weighted(pick, LOG_LEVELS) },
    entryPoints: { web: { address: ':80' }, ...(pick() < 0.7 && { websecure: { address: ':443' } }) },
    providers: Object.fromEntries(
      (providers.length ? providers : ['docker']).map((name) => [name, PROVIDER_SETTINGS[name]?.(pick) ?? {}]),
    ),
  }
  if (pick() < 0.45) {
    const challenge = weighted(pick, CHALLENGES)
    const settings = challenge === 'dnsChallenge' ? { provider: 'cloudflare' } : {}
    config.certificatesResolvers = { le: { acme: { email: 'ops@example.com', [challenge]: settings } } }
  }
  for (const [rate, section] of SECTIONS) if (pick() < rate) Object.assign(config, section(pick))
  return config
}

/** Days an installation waits before taking a release: many within days, a long tail, some never. */
export function drawUpgradeDelay(pick: Random, days: number): number {
  const kind = pick()
  if (kind < 0.15) return Number.POSITIVE_INFINITY
  if (kind < 0.55) return Math.floor(pick() * 7)
  return Math.floor(pick() * Math.max(14, days))
}
