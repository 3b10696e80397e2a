import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/errors.js'
import { corpusDir, corpusFiles, corpusSkipReason } from '../support/reference.js'
import { load } from './helpers.js'

/** Baqup v1 files: refused whole, with one message. */
const V1_FILES = ['010.yaml', '038.toml', '039.toml', '040.toml']

/** Newer files that legitimately cannot load, and why (the message says it). */
const CANNOT_LOAD: Record<string, string> = {
  '007.yml': 'providers.docker.swarmModeRefreshSeconds: removed in v3: use providers.swarm.refreshSeconds',
  '013.yml': 'tracing.jaeger: removed in v3: tracing speaks OpenTelemetry only',
  '017.yml': 'experimental.http3: removed in v3: HTTP/3 is no longer experimental',
  '028.yml': 'certificatesResolvers.letsencrypt.acme.dnsChallenge.provider: not an allowed value',
  '031.toml': 'this v2 configuration carries v1 options (docker, retry), not read since v2',
  '032.toml': 'TOML syntax error: a table is declared twice (TOML forbids it): merge the two into one',
  '035.toml': 'this v2 configuration carries v1 options (debug, logLevel, defaultEntryPoints), not read since v2',
  '036.toml': 'providers.docker.swarmMode: removed in v3: Swarm has its own provider; use providers.swarm',
}

const loadCorpus = (file: string) => load({ argv: [`--configFile=${corpusDir}${file}`] })

describe('the corpus of real configuration files', () => {
  if (corpusSkipReason) it.skip(corpusSkipReason, () => {})

  const loading = corpusFiles.filter((file) => !V1_FILES.includes(file) && !(file in CANNOT_LOAD))
  it.each(loading)('loads %s', (file) => {
    const loaded = loadCorpus(file)
    expect(loaded.source).toEqual({ kind: 'file', path: `${corpusDir}${file}` })
    expect(Object.keys(loaded.config).length).toBeGreaterThan(0)
  })

  it.each(V1_FILES.filter((file) => corpusFiles.includes(file)))('refuses %s as a v1 configuration', (file) => {
    expect(() => loadCorpus(file)).toThrow(
      /: this is a v1 configuration \(.+\): v1 files are not read since v2; convert it with the migration guide https:/,
    )
  })

  it.each(Object.entries(CANNOT_LOAD).filter(([file]) => corpusFiles.includes(file)))(
    'refuses %s: %s',
    (file, message) => {
      expect(() => loadCorpus(file)).toThrow(message)
    },
  )

  it.skipIf(corpusFiles.length === 0)('crashes on none: every failure is a ConfigError', () => {
    for (const file of corpusFiles) {
      try {
        loadCorpus(file)
      } catch (error) {
        expect(error, file).toBeInstanceOf(ConfigError)
      }
    }
  })

  it.skipIf(corpusFiles.length === 0)('reads the odd spellings the corpus README lists', () => {
    const config = (file: string) => loadCorpus(file).config as Record<string, any>
    // 002: lower-case keys, `accesslog: true`, and both `dnschallenge:` and `dnsChallenge:`.
    const acme002 = config('002.yaml').certificatesResolvers.mydnschallenge.acme
    expect(acme002.dnsChallenge).toEqual({ provider: 'linodev4', delayBeforeCheck: '1s' })
    expect(config('002.yaml').accessLog).toEqual({})
    // 004: `providers.docker: false` switches the provider off.
    expect(config('004.yml').providers).toEqual({ file: { directory: '/etc/baqup/dynamic', watch: true } })
    // 009: `sans:` written as one string is a one-item list.
    expect(config('009.yml').entryPoints.https.http.tls.domains[0]).toEqual({
      main: 'jakefarrell.ie',
      sans: ['*.jakefarrell.ie'],
    })
  })
})
