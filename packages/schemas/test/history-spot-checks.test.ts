import { describe, expect, it } from 'vitest'
import { type MinorRelease, optionHistory, optionInRelease } from '../src/history.js'

// An oracle written by hand, NOT derived from history.data.ts: each row was checked by reading
// Traefik's sources at the tags named in the comment (`git show <tag>:docs/content/reference/
// static-configuration/cli-ref.md`, file.yaml, and the struct's `export:"true"` tag).
const spotChecks: {
  path: string
  since: MinorRelease
  until: MinorRelease | null
  exported?: Partial<Record<MinorRelease, boolean>>
  absentIn?: MinorRelease[]
  firstTag?: string
  why: string
}[] = [
  {
    path: 'pilot.token',
    since: '2.3',
    until: '2.11',
    exported: { '2.3': false, '2.11': false },
    why: 'cli-ref: not in v2.2.0, `--pilot.token` in v2.3.0; static.Configuration.Pilot still in v2.11.0 (docs dropped it); gone in v3.0.0; no export tag on Token',
  },
  {
    path: 'pilot.dashboard',
    since: '2.4',
    until: '2.11',
    firstTag: '2.4.8',
    why: 'cli-ref: absent in v2.4.0 and v2.4.7, `--pilot.dashboard` in v2.4.8; gone in v3.0.0',
  },
  {
    path: 'providers.docker.swarmMode',
    since: '2.0',
    until: '2.11',
    exported: { '2.0': true, '2.11': true },
    why: 'cli-ref v2.0.0 and v2.11.0 `--providers.docker.swarmmode`, not in v3.0.0 (providers.swarm); SwarmMode tagged export in both',
  },
  {
    path: 'providers.swarm',
    since: '3.0',
    until: null,
    why: 'cli-ref: not in v2.11.0, `--providers.swarm` in v3.0.0 and the 3.7 options table',
  },
  { path: 'tracing.otlp', since: '3.0', until: null, why: 'cli-ref: not in v2.11.0, `--tracing.otlp` in v3.0.0' },
  {
    path: 'experimental.http3',
    since: '2.5',
    until: '2.11',
    why: 'cli-ref: not in v2.4.0, in v2.5.0 and v2.11.0, not in v3.0.0',
  },
  {
    path: 'entryPoints.<name>.enableHTTP3',
    since: '2.5',
    until: '2.5',
    why: 'cli-ref: `--entrypoints.<name>.enablehttp3` only in v2.5.0 (v2.6.0 has `.http3`)',
  },
  {
    path: 'entryPoints.<name>.http3',
    since: '2.6',
    until: null,
    why: 'cli-ref: not in v2.5.0, `--entrypoints.<name>.http3` in v2.6.0, v2.11.0, v3.0.0',
  },
  {
    path: 'providers.kubernetesIngressNGINX',
    since: '3.5',
    until: null,
    why: 'cli-ref: not in v3.4.0, in v3.5.0; 3.7 options table',
  },
  {
    path: 'metrics.influxDB',
    since: '2.0',
    until: '2.11',
    exported: { '2.0': false, '2.3': false, '2.4': true, '2.11': true },
    firstTag: '2.0.0',
    why: 'pkg/types/metrics.go: InfluxDB without export tag up to v2.3.2, tagged from v2.3.3; cli-ref: gone in v3.0.0',
  },
  {
    path: 'accessLog.filePath',
    since: '2.0',
    until: null,
    exported: { '2.0': true, '2.2': true, '2.4': false, '3.7': false },
    why: 'pkg/types/logs.go FilePath tagged export in v2.0.0 … v2.3.2, not from v2.3.3 (nor in 3.7)',
  },
  {
    path: 'providers.consulCatalog.namespace',
    since: '2.6',
    until: '2.11',
    exported: { '2.6': true, '2.7': true, '2.8': false },
    why: 'cli-ref: not in v2.5.0, in v2.6.0 … v2.11.0, not v3.0.0; Namespace tagged export in v2.6.0/v2.7.3, not v2.8.0',
  },
  {
    path: 'global.insecureSNI',
    since: '2.2',
    until: '2.2',
    firstTag: '2.2.2',
    absentIn: ['2.3'],
    why: 'cli-ref: not in v2.2.0/v2.2.1, `--global.insecuresni` in v2.2.2 … v2.2.4, gone in v2.2.5 and v2.3.0',
  },
  {
    path: 'experimental.devPlugin.goPath',
    since: '2.3',
    until: '2.4',
    why: 'cli-ref: not in v2.2.0, in v2.3.0 … v2.4.14, gone in v2.5.0',
  },
  { path: 'providers.nomad', since: '2.8', until: null, why: 'cli-ref: not in v2.7.0, `--providers.nomad` in v2.8.0' },
  {
    path: 'api.disableDashboardAd',
    since: '2.10',
    until: null,
    firstTag: '2.10.4',
    why: 'cli-ref: not in v2.10.0/v2.10.3, in v2.10.4, v2.11.0 and the 3.7 table',
  },
  {
    path: 'hub',
    since: '2.7',
    until: '2.10',
    why: 'cli-ref: not in v2.6.0, `--hub` in v2.7.0 … v2.10.1, gone in v2.10.2 and v2.11.0',
  },
  {
    path: 'core.defaultRuleSyntax',
    since: '3.0',
    until: null,
    exported: { '3.0': false, '3.7': false },
    why: 'cli-ref: not in v2.11.0, in v3.0.0; static_config.go Core.DefaultRuleSyntax has no export tag',
  },
  {
    path: 'providers.http.maxResponseBodySize',
    since: '2.11',
    until: null,
    absentIn: ['3.0', '3.5'],
    why: 'cli-ref: added by v2.11.41 (not v2.11.40), absent from v3.0.0 and v3.6.10, back in v3.6.11 (a backported security fix)',
  },
  {
    path: 'entryPoints.<name>.http.sanitizePath',
    since: '2.11',
    until: null,
    absentIn: ['3.0', '3.2'],
    firstTag: '2.11.23',
    why: 'cli-ref: v2.11.22 no, v2.11.23 yes, v3.0.0 / v3.2.0 / v3.3.5 no, v3.3.6 and v3.4.0 yes',
  },
  {
    path: 'providers.zooKeeper.tls.insecureSkipVerify',
    since: '2.2',
    until: '2.8',
    why: 'cli-ref: in v2.2.0 and v2.8.8, gone in v2.9.1 (the first 2.9 tag: there is no v2.9.0)',
  },
  {
    path: 'tracing.serviceName',
    since: '2.0',
    until: null,
    why: 'cli-ref: `--tracing.servicename` in v2.0.0, v2.11.0, v3.0.0 and the 3.7 table',
  },
  {
    path: 'entryPoints.<name>.forwardedHeaders.addXForwardedSchemeHeaders',
    since: '3.7',
    until: null,
    why: 'in no 3.7 tag (not in v3.7.9 docs): only at the reference commit v3.7.9-28-gfd5a576df2 our 3.7 is specified from',
  },
]

describe('option history: spot checks read by hand in Traefik sources', () => {
  it.each(spotChecks)('$path: $since … $until', ({ path, since, until, exported, absentIn, firstTag }) => {
    const option = optionHistory.get(path)
    expect(option, path).toBeDefined()
    expect({ since: option?.since, until: option?.until }).toEqual({ since, until })
    for (const [release, flag] of Object.entries(exported ?? {})) {
      expect(optionInRelease(path, release as MinorRelease)?.export, `${path} in ${release}`).toBe(flag)
    }
    for (const release of absentIn ?? [])
      expect(optionInRelease(path, release), `${path} in ${release}`).toBeUndefined()
    if (firstTag) expect(option?.patches?.[0]?.[0]).toBe(firstTag)
  })

  it('checks at least 20 options', () => {
    expect(spotChecks.length).toBeGreaterThanOrEqual(20)
  })
})
