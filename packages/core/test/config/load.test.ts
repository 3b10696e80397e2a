import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configFileCandidates } from '../../src/config/file.js'
import { parseConfigText } from '../../src/config/load.js'
import { readReference, withAllowedValues } from '../support/reference.js'
import { errorOf, load, schema, tempDir, writeIn } from './helpers.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8')
const lines = (text: string) => text.split('\n').filter(Boolean)

/** The meaning of fixtures/config/realistic.*, written out by hand (durations in Go form, `ping` switched on). */
const realistic = {
  global: { checkNewVersion: true, sendAnonymousUsage: false },
  log: { level: 'INFO', format: 'json' },
  accessLog: { bufferingSize: 100, fields: { headers: { defaultMode: 'drop', names: { 'user-agent': 'keep' } } } },
  entryPoints: {
    web: { address: ':80', http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } } },
    websecure: {
      address: ':443',
      forwardedHeaders: { trustedIPs: ['10.0.0.0/8', '192.168.0.0/16'] },
      http: { tls: { certResolver: 'le', domains: [{ main: 'example.org', sans: ['www.example.org'] }] } },
    },
  },
  providers: {
    providersThrottleDuration: '10s',
    docker: { exposedByDefault: false, network: 'proxy' },
    file: { directory: '/etc/baqup/dynamic', watch: true },
  },
  api: { dashboard: true },
  ping: {},
  metrics: { prometheus: { buckets: [0.1, 0.3, 1.2, 5] } },
  certificatesResolvers: {
    le: {
      acme: {
        email: 'admin@example.org',
        storage: '/data/acme.json',
        dnsChallenge: { provider: 'cloudflare', resolvers: ['1.1.1.1:53'], propagation: { delayBeforeChecks: '30s' } },
      },
    },
  },
}

describe('the four sources agree', () => {
  it('reads one realistic configuration written as YAML, TOML, flags and env the same way', () => {
    const dir = tempDir()
    const fromYaml = load({ argv: [`--configFile=${writeIn(dir, 'baqup.yaml', fixture('realistic.yaml'))}`] })
    const fromToml = load({ argv: [`--configFile=${writeIn(dir, 'baqup.toml', fixture('realistic.toml'))}`] })
    const fromFlags = load({ argv: lines(fixture('realistic.flags')) })
    const env = Object.fromEntries(lines(fixture('realistic.env')).map((line) => line.split(/=(.*)/s).slice(0, 2)))
    const fromEnv = load({ env, envPrefix: 'BAQUP_' })
    expect(fromYaml.config).toEqual(realistic)
    expect(fromToml.config).toEqual(realistic)
    expect(fromFlags.config).toEqual(realistic)
    expect(fromEnv.config).toEqual(realistic)
    expect([fromYaml, fromToml, fromFlags, fromEnv].map((loaded) => loaded.source.kind)).toEqual([
      'file',
      'file',
      'flags',
      'env',
    ])
  })

  it('applies defaults in effective, not in config', () => {
    const { config, effective } = load({ argv: ['--entryPoints.web.address=:80'] })
    expect(config).toEqual({ entryPoints: { web: { address: ':80' } } })
    const web = (effective.entryPoints as Record<string, Record<string, any>>).web
    expect(web?.transport?.respondingTimeouts?.idleTimeout).toBe('3m0s')
    expect((effective.global as Record<string, unknown>).checkNewVersion).toBe(true)
  })

  it('loads the full reference in YAML and TOML to the same configuration', () => {
    const fromYaml = parseConfigText(
      withAllowedValues(readReference('baqup.full.yaml')),
      'yaml',
      schema,
      'baqup.full.yaml',
    )
    const fromToml = parseConfigText(
      withAllowedValues(readReference('baqup.full.toml')),
      'toml',
      schema,
      'baqup.full.toml',
    )
    // One known difference, from TOML's rules: the reference TOML writes `maxResponseBodySize = 42`
    // after `[providers.http.headers]`, so it is a header there, where the YAML has the option.
    const http = (config: Record<string, any>) => config.providers.http
    expect(http(fromYaml).maxResponseBodySize).toBe(42)
    expect(http(fromToml).headers.maxResponseBodySize).toBe('42')
    delete http(fromYaml).maxResponseBodySize
    delete http(fromToml).headers.maxResponseBodySize
    expect(fromToml).toEqual(fromYaml)
    expect(Object.keys(fromYaml)).toHaveLength(17)
  })
})

describe('finding the file', () => {
  const dirs = () => {
    const root = tempDir()
    const made = { system: join(root, 'etc'), xdg: join(root, 'xdg'), home: join(root, 'home'), cwd: join(root, 'cwd') }
    for (const dir of [join(made.system, 'baqup'), made.xdg, join(made.home, '.config'), made.cwd])
      mkdirSync(dir, { recursive: true })
    return made
  }

  it('lists the candidates in Baqup order', () => {
    const candidates = configFileCandidates({
      fileName: 'baqup',
      env: { XDG_CONFIG_HOME: '/x' },
      home: '/h',
      cwd: '/w',
    })
    expect(candidates).toEqual(
      ['/etc/baqup/baqup', '/x/baqup', '/h/.config/baqup', '/w/baqup'].flatMap((base) => [
        `${base}.toml`,
        `${base}.yaml`,
        `${base}.yml`,
      ]),
    )
    const withoutXdgNorHome = configFileCandidates({ fileName: 'baqup', env: {}, cwd: '/w', systemDir: '/s' })
    expect(withoutXdgNorHome).toEqual(
      ['/s/baqup/baqup', '/w/baqup'].flatMap((base) => [`${base}.toml`, `${base}.yaml`, `${base}.yml`]),
    )
  })

  it('takes the first found: the system directory, then XDG, then home, then the working directory', () => {
    const { system, xdg, home, cwd } = dirs()
    const options = { fileName: 'baqup', systemDir: system, home, cwd, env: { XDG_CONFIG_HOME: xdg } }
    writeIn(cwd, 'baqup.yml', 'api: {dashboardName: CWD}')
    expect(load(options).source).toEqual({ kind: 'file', path: join(cwd, 'baqup.yml') })
    writeIn(join(home, '.config'), 'baqup.yaml', 'api: {dashboardName: HOME}')
    expect(load(options).config).toEqual({ api: { dashboardName: 'HOME' } })
    writeIn(xdg, 'baqup.yaml', 'api: {dashboardName: XDG}')
    writeIn(xdg, 'baqup.toml', '[api]\ndashboardName = "XDG-TOML"')
    expect(load(options).config).toEqual({ api: { dashboardName: 'XDG-TOML' } })
    writeIn(join(system, 'baqup'), 'baqup.yml', 'api: {dashboardName: SYSTEM}')
    expect(load(options).source.path).toBe(join(system, 'baqup', 'baqup.yml'))
  })

  it('takes --configFile relative to the working directory, before any candidate', () => {
    const { system, cwd } = dirs()
    writeIn(join(system, 'baqup'), 'baqup.toml', '[api]\ndashboardName = "SYSTEM"')
    writeIn(cwd, 'mine.yaml', 'api: {dashboardName: MINE}')
    const loaded = load({ fileName: 'baqup', systemDir: system, cwd, argv: ['--configfile', 'mine.yaml'] })
    expect(loaded.source).toEqual({ kind: 'file', path: join(cwd, 'mine.yaml') })
    expect(loaded.config).toEqual({ api: { dashboardName: 'MINE' } })
  })

  it('refuses a --configFile that does not exist', () => {
    const cwd = tempDir()
    expect(errorOf(() => load({ cwd, argv: ['--configFile=missing.yaml'] })).message).toBe(
      `${join(cwd, 'missing.yaml')}: file not found`,
    )
  })
})

describe('one source wins, and what it overrides is named', () => {
  const env = { BAQUP_API_DASHBOARDNAME: 'ENV-SECRET', BAQUP_API_INSECURE: 'true' }

  it('a file wins over flags and env, and each ignored name is a warning without its value', () => {
    const path = writeIn(tempDir(), 'baqup.yaml', 'api: {dashboardName: FILE}')
    const loaded = load({
      argv: [`--configFile=${path}`, '--api.dashboardName=FLAG-SECRET', '--api'],
      env,
      envPrefix: 'BAQUP_',
    })
    expect(loaded.config).toEqual({ api: { dashboardName: 'FILE' } })
    expect(loaded.warnings).toEqual([
      `--api.dashboardName ignored: configuration loaded from ${path}`,
      `--api ignored: configuration loaded from ${path}`,
      `BAQUP_API_DASHBOARDNAME ignored: configuration loaded from ${path}`,
      `BAQUP_API_INSECURE ignored: configuration loaded from ${path}`,
    ])
    expect(loaded.warnings.join()).not.toMatch(/SECRET/)
  })

  it('flags win over env', () => {
    const loaded = load({ argv: ['--api.dashboardName=FLAG'], env, envPrefix: 'BAQUP_' })
    expect(loaded.source).toEqual({ kind: 'flags' })
    expect(loaded.config).toEqual({ api: { dashboardName: 'FLAG' } })
    expect(loaded.warnings).toEqual([
      'BAQUP_API_DASHBOARDNAME ignored: configuration loaded from command-line flags',
      'BAQUP_API_INSECURE ignored: configuration loaded from command-line flags',
    ])
  })

  it('env is read when there is neither file nor flag', () => {
    const loaded = load({ env, envPrefix: 'BAQUP_' })
    expect(loaded).toMatchObject({
      source: { kind: 'env' },
      warnings: [],
      config: { api: { dashboardName: 'ENV-SECRET', insecure: true } },
    })
  })

  it('nothing at all gives the defaults', () => {
    const cwd = tempDir()
    const systemDir = tempDir()
    const loaded = load({ fileName: 'baqup', systemDir, home: tempDir(), cwd })
    expect(loaded.source.kind).toBe('defaults')
    expect(loaded.source.searched).toHaveLength(9)
    expect(loaded.source.searched?.[0]).toBe(join(systemDir, 'baqup', 'baqup.toml'))
    expect(loaded.source.searched?.at(-1)).toBe(join(cwd, 'baqup.yml'))
    expect(loaded.config).toEqual({})
    expect(loaded.effective.global).toEqual({
      checkNewVersion: true,
      sendAnonymousUsage: false,
      notAppendXForwardedFor: false,
    })
  })

  it('a found file that is empty or only comments still wins, with no settings', () => {
    for (const text of ['', '# nothing here\n', '---\n', '---\n# only a comment\n...\n']) {
      const path = writeIn(tempDir(), 'baqup.yaml', text)
      expect(load({ argv: [`--configFile=${path}`, '--log.level=X'] })).toMatchObject({
        source: { kind: 'file' },
        config: {},
      })
    }
    const path = writeIn(tempDir(), 'baqup.toml', '# nothing\n')
    expect(load({ argv: [`--configFile=${path}`] }).config).toEqual({})
  })
})
