import { LEGO_DNS_PROVIDERS } from '../src/lego-dns-providers.js'

/**
 * Baqup's closed sets, as Traefik v3.7 reads them (the source each one is checked against).
 * `anyCase`: read with strings.EqualFold / strings.ToLower; otherwise compared as written.
 */
export const ENUMERATIONS: ReadonlyArray<{ path: string; values: readonly string[]; anyCase: boolean }> = [
  // cmd/traefik/logger.go getLogLevel: zerolog.ParseLevel(strings.ToLower(level))
  { path: 'log.level', values: ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'PANIC'], anyCase: true },
  // cmd/traefik/logger.go getLogWriter: Format != "json" means common
  { path: 'log.format', values: ['common', 'json'], anyCase: false },
  // pkg/middlewares/accesslog/logger.go NewHandler: switch config.Format
  { path: 'accessLog.format', values: ['common', 'genericCLF', 'json'], anyCase: false },
  // pkg/observability/types/logs.go checkFieldValue / checkFieldHeaderValue
  { path: 'accessLog.fields.defaultMode', values: ['keep', 'drop'], anyCase: false },
  { path: 'accessLog.fields.headers.defaultMode', values: ['keep', 'drop', 'redact'], anyCase: false },
  { path: 'accessLog.fields.queryParameters.defaultMode', values: ['keep', 'drop'], anyCase: false },
  // the same functions, for each value of AccessLogFields.Names and FieldHeaders.Names
  { path: 'accessLog.fields.names.<name>', values: ['keep', 'drop'], anyCase: false },
  { path: 'accessLog.fields.headers.names.<name>', values: ['keep', 'drop', 'redact'], anyCase: false },
  // pkg/server/server_entrypoint_tcp.go createHTTPServer: switch UnderscoreHeadersStrategy
  { path: 'entryPoints.<name>.http.underscoreHeadersStrategy', values: ['keep', 'delete', 'reject'], anyCase: false },
  // pkg/observability/types/tracing.go TracingVerbosity
  { path: 'entryPoints.<name>.observability.traceVerbosity', values: ['minimal', 'detailed'], anyCase: false },
  // pkg/config/static/static_config.go ValidateConfiguration: switch DefaultRuleSyntax
  { path: 'core.defaultRuleSyntax', values: ['v3', 'v2'], anyCase: false },
  // pkg/config/static/static_config.go ValidateConfiguration: slices.Contains(providerNames, name)
  {
    path: 'providers.precedence',
    values: [
      'kubernetesgateway',
      'kubernetescrd',
      'kubernetes',
      'kubernetesingressnginx',
      'swarm',
      'docker',
      'file',
      'redis',
      'knative',
      'consul',
      'consulcatalog',
      'nomad',
      'etcd',
      'ecs',
      'http',
      'zookeeper',
      'rest',
    ],
    anyCase: false,
  },
  // pkg/provider/consulcatalog/consul_catalog.go includesHealthStatus: strings.EqualFold (consul api.Health*)
  {
    path: 'providers.consulCatalog.strictChecks',
    values: ['passing', 'warning', 'critical', 'maintenance', 'any'],
    anyCase: true,
  },
  // pkg/provider/acme/account.go GetKeyType: switch value
  {
    path: 'certificatesResolvers.<name>.acme.keyType',
    values: ['EC256', 'EC384', 'RSA2048', 'RSA4096', 'RSA8192'],
    anyCase: false,
  },
  // pkg/provider/acme/provider.go getClient: lego's dns.NewDNSChallengeProviderByName (switch name)
  { path: 'certificatesResolvers.<name>.acme.dnsChallenge.provider', values: LEGO_DNS_PROVIDERS, anyCase: false },
]
