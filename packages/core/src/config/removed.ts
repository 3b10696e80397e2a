import { ConfigError } from './errors.js'
import type { RawMap } from './raw.js'

/**
 * Options that older configurations carry and the current schema no longer has, so that an
 * operator upgrading reads "removed in v3: use …" rather than "unknown option".
 * Paths are compared case-insensitively; `*` stands for any entry name.
 */
export interface LegacyOptions {
  readonly removed: Readonly<Record<string, string>>
  /** Root keys only a v1 configuration has. */
  readonly v1RootKeys: readonly string[]
  /** Root keys a v1 configuration never has: beside them, v1 keys are leftovers in a newer file. */
  readonly v2RootKeys: readonly string[]
  readonly v1Guide: string
}

const TRACING_V3 =
  'removed in v3: tracing speaks OpenTelemetry only; send traces with tracing.otlp (most vendors accept OTLP)'
const CA_OPTIONAL = 'removed in v3: client certificate authentication is a server-side setting; delete this option'
const NAMESPACES = 'removed in v3: use namespaces (a list)'
const HUB = 'removed in v3: the Hub integration is gone; delete this section'
const V1 = 'a v1 option, not read since v2'

// From the v2 to v3 migration notes (static configuration) and the v1 to v2 guide.
const removed: Record<string, string> = {
  pilot: 'removed in v3: Pilot was discontinued; delete this section',
  hub: HUB,
  'experimental.hub': HUB,
  'experimental.http3':
    'removed in v3: HTTP/3 is no longer experimental; enable it per entry point (entryPoints.<name>.http3)',
  'entryPoints.*.enableHTTP3': 'removed in v3: enable HTTP/3 with entryPoints.<name>.http3',
  'tracing.jaeger': TRACING_V3,
  'tracing.zipkin': TRACING_V3,
  'tracing.datadog': TRACING_V3,
  'tracing.instana': TRACING_V3,
  'tracing.haystack': TRACING_V3,
  'tracing.elastic': TRACING_V3,
  'tracing.spanNameLimit': 'removed in v3 (tracing was rebuilt on OpenTelemetry): delete this option',
  'metrics.influxDB': 'removed in v3: InfluxDB v1 is not supported; use metrics.influxDB2',
  'providers.marathon': 'removed in v3: the Marathon provider is gone; delete this section',
  'providers.rancher':
    'removed in v3: Rancher v1 is not supported; Rancher 2 runs on Kubernetes (providers.kubernetesCRD)',
  'providers.docker.swarmMode': 'removed in v3: Swarm has its own provider; use providers.swarm',
  'providers.docker.swarmModeRefreshSeconds': 'removed in v3: use providers.swarm.refreshSeconds',
  'providers.docker.tls.caOptional': CA_OPTIONAL,
  'providers.http.tls.caOptional': CA_OPTIONAL,
  'providers.etcd.tls.caOptional': CA_OPTIONAL,
  'providers.redis.tls.caOptional': CA_OPTIONAL,
  'providers.zooKeeper.tls.caOptional': CA_OPTIONAL,
  'providers.consul.tls.caOptional': CA_OPTIONAL,
  'providers.consulCatalog.endpoint.tls.caOptional': CA_OPTIONAL,
  'providers.nomad.endpoint.tls.caOptional': CA_OPTIONAL,
  'providers.consul.namespace': NAMESPACES,
  'providers.consulCatalog.namespace': NAMESPACES,
  'providers.nomad.namespace': NAMESPACES,
  'entryPoints.*.redirect': `${V1}: redirect with entryPoints.<name>.http.redirections`,
  'entryPoints.*.tls': `${V1}: TLS is set with entryPoints.<name>.http.tls`,
  'entryPoints.*.compress': `${V1}: compression is a middleware (dynamic configuration)`,
  'entryPoints.*.auth': `${V1}: authentication is a middleware (dynamic configuration)`,
  'entryPoints.*.whiteList': `${V1}: use the ipAllowList middleware (dynamic configuration)`,
  'api.entryPoint': `${V1}: the API is served by a router (or api.insecure)`,
  'api.statistics': `${V1}: delete this option`,
  checkNewVersion: `${V1}: use global.checkNewVersion`,
  sendAnonymousUsage: `${V1}: use global.sendAnonymousUsage`,
}

const v1Providers = [
  'file',
  'docker',
  'kubernetes',
  'marathon',
  'consul',
  'consulCatalog',
  'etcd',
  'zookeeper',
  'boltdb',
]
const v1Others = ['ecs', 'rancher', 'dynamodb', 'eureka', 'servicefabric', 'rest', 'mesos']

/** The Baqup (and Traefik) lineage: v1 files, and options removed from v2 to v3. */
export const baqupLegacyOptions: LegacyOptions = {
  removed,
  v1RootKeys: [
    ...['defaultEntryPoints', 'logLevel', 'debug', 'acme', 'web', 'retry', 'baqupLog', 'accessLogsFile'],
    ...['checkNewVersion', 'sendAnonymousUsage', 'insecureSkipVerify', 'rootCAs', 'maxIdleConnsPerHost'],
    ...['idleTimeout', 'graceTimeOut', 'lifeCycle', 'respondingTimeouts', 'forwardingTimeouts'],
    ...['keepTrailingSlash', 'constraints', 'healthcheck', 'backends', 'frontends', ...v1Providers, ...v1Others],
  ],
  v2RootKeys: [
    'providers',
    'certificatesResolvers',
    'serversTransport',
    'tcpServersTransport',
    'experimental',
    'global',
  ],
  v1Guide: 'https://doc.baqup.io/baqup/migration/v1-to-v2/',
}

const lookups = new WeakMap<LegacyOptions, Map<string, string>>()

function lookupOf(legacy: LegacyOptions): Map<string, string> {
  let lookup = lookups.get(legacy)
  if (!lookup) {
    lookup = new Map()
    for (const key of legacy.v1RootKeys) lookup.set(key.toLowerCase(), `${V1} (see ${legacy.v1Guide})`)
    for (const [path, message] of Object.entries(legacy.removed)) lookup.set(path.toLowerCase(), message)
    lookups.set(legacy, lookup)
  }
  return lookup
}

/** The message for an unknown key that an older version had, if any. `pattern` is its parent path, entries as `*`. */
export function legacyMessage(legacy: LegacyOptions, pattern: readonly string[], key: string): string | undefined {
  return lookupOf(legacy).get([...pattern, key].join('.').toLowerCase())
}

/** Refuses a v1 file with one message, rather than one "unknown option" per v1 key. */
export function refuseV1(legacy: LegacyOptions, root: RawMap): void {
  const v1 = new Set(legacy.v1RootKeys.map((key) => key.toLowerCase()))
  const v2 = new Set(legacy.v2RootKeys.map((key) => key.toLowerCase()))
  const found = root.entries.filter((entry) => v1.has(entry.key.toLowerCase()))
  const first = found[0]
  if (!first) return
  const names = [...new Set(found.map((entry) => entry.key))].slice(0, 5).join(', ')
  const mixed = root.entries.some((entry) => v2.has(entry.key.toLowerCase()))
  const problem = mixed
    ? `this v2 configuration carries v1 options (${names}), not read since v2: remove or convert them with the migration guide ${legacy.v1Guide}`
    : `this is a v1 configuration (${names}): v1 files are not read since v2; convert it with the migration guide ${legacy.v1Guide}`
  throw new ConfigError({ origin: first.origin, problem })
}
