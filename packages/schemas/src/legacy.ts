/**
 * Options that older Baqup configurations carry and the current schema no longer has, so that
 * an operator upgrading reads "removed in v3: use …" rather than "unknown option". The
 * configuration loader (`loadConfig({ legacy: legacyOptions })` in @baqup/core) reads it.
 */

/**
 * The shape the loader reads (structurally the same as @baqup/core's `LegacyOptions`: this
 * package depends on zod only). Paths are compared case-insensitively; `*` stands for any
 * entry name.
 */
export interface LegacyOptions {
  /** Option path → what to write instead. */
  readonly removed: Readonly<Record<string, string>>
  /** Root keys only a v1 configuration has. */
  readonly v1RootKeys: readonly string[]
  /** Root keys a v1 configuration never has: beside them, v1 keys are leftovers in a newer file. */
  readonly v2RootKeys: readonly string[]
  /** The migration guide a v1 configuration is pointed to. */
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
export const legacyOptions: LegacyOptions = {
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
