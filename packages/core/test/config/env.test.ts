import { describe, expect, it } from 'vitest'
import { optionEnvNames } from '../../src/config/env.js'
import { errorOf, fromEnv, load } from './helpers.js'

describe('env: configuration from BAQUP_ variables', () => {
  it.each([
    ['a string stays as typed (1.10)', { BAQUP_API_DASHBOARDNAME: '1.10' }, { api: { dashboardName: '1.10' } }],
    ['a string keeps leading zeros (007)', { BAQUP_API_DASHBOARDNAME: '007' }, { api: { dashboardName: '007' } }],
    ['an int from text', { BAQUP_LOG_MAXSIZE: '007' }, { log: { maxSize: 7 } }],
    ['a boolean', { BAQUP_GLOBAL_CHECKNEWVERSION: 'false' }, { global: { checkNewVersion: false } }],
    ['a section switched on', { BAQUP_PROVIDERS_DOCKER: 'true' }, { providers: { docker: {} } }],
    ['a section switched off', { BAQUP_API: 'false' }, {}],
    ['an entry point', { BAQUP_ENTRYPOINTS_WEB_ADDRESS: ':80' }, { entryPoints: { web: { address: ':80' } } }],
    ['names in any case', { BAQUP_entryPoints_Web_Address: ':80' }, { entryPoints: { web: { address: ':80' } } }],
    [
      'an entry name holding _',
      { BAQUP_ENTRYPOINTS_WEB_SECURE_ADDRESS: ':443' },
      { entryPoints: { web_secure: { address: ':443' } } },
    ],
    [
      'the shortest entry name after which the rest resolves',
      { BAQUP_ENTRYPOINTS_HTTP_HTTP_TLS_CERTRESOLVER: 'le' },
      { entryPoints: { http: { http: { tls: { certResolver: 'le' } } } } },
    ],
    [
      'list items by index',
      {
        BAQUP_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_MAIN: 'example.org',
        BAQUP_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_SANS: 'a.org,b.org',
      },
      {
        entryPoints: { websecure: { http: { tls: { domains: [{ main: 'example.org', sans: ['a.org', 'b.org'] }] } } } },
      },
    ],
    [
      'a free-form key, lower-cased, may hold _',
      { BAQUP_ACCESSLOG_FIELDS_HEADERS_NAMES_X_REQUEST_ID: 'keep' },
      { accessLog: { fields: { headers: { names: { x_request_id: 'keep' } } } } },
    ],
    [
      'a duration',
      { BAQUP_PROVIDERS_PROVIDERSTHROTTLEDURATION: '90' },
      { providers: { providersThrottleDuration: '1m30s' } },
    ],
  ])('%s', (_name, env, expected) => {
    expect(fromEnv(env)).toEqual(expected)
  })

  it('skips reserved prefixes and variables outside the prefix', () => {
    const env = { BAQUP_TELEMETRY_STATE: '/tmp/x', PATH: '/bin', BAQUP_LOG_LEVEL: 'INFO', BAQUP_UNSET: undefined }
    expect(optionEnvNames({ env, prefix: 'BAQUP_', reserved: ['BAQUP_TELEMETRY_'] })).toEqual(['BAQUP_LOG_LEVEL'])
    const loaded = load({ env, envPrefix: 'BAQUP_', reservedEnvPrefixes: ['BAQUP_TELEMETRY_'] })
    expect(loaded.config).toEqual({ log: { level: 'INFO' } })
  })
})

describe('env: mistakes', () => {
  it.each([
    [
      'an unknown option',
      { BAQUP_LOG_LEVLE: 'x' },
      'BAQUP_LOG_LEVLE: log.levle: unknown option — did you mean "level"?',
    ],
    [
      'an unknown option under an entry',
      { BAQUP_ENTRYPOINTS_WEB_ADRESS: ':80' },
      'BAQUP_ENTRYPOINTS_WEB_ADRESS: entryPoints.web.adress: unknown option — did you mean "address"?',
    ],
    [
      'a removed option',
      { BAQUP_PILOT_TOKEN: 'x' },
      'BAQUP_PILOT_TOKEN: pilot: removed in v3: Pilot was discontinued; delete this section',
    ],
    [
      'a group, not an option',
      { BAQUP_ENTRYPOINTS_WEB: ':80' },
      'BAQUP_ENTRYPOINTS_WEB: entryPoints.web: names a group of options, not one option',
    ],
    [
      'a list without index',
      { BAQUP_ENTRYPOINTS_WEB_HTTP_TLS_DOMAINS_MAIN: 'x' },
      'BAQUP_ENTRYPOINTS_WEB_HTTP_TLS_DOMAINS_MAIN: entryPoints.web.http.tls.domains.main: a list index (_0_, _1_ …) is expected here',
    ],
    [
      'constructor',
      { BAQUP_CONSTRUCTOR: 'x' },
      'BAQUP_CONSTRUCTOR: constructor: the key "CONSTRUCTOR" is refused: it could reach an object prototype',
    ],
    [
      '__proto__ as an entry name',
      { BAQUP_ENTRYPOINTS___PROTO___ADDRESS: ':80' },
      'BAQUP_ENTRYPOINTS___PROTO___ADDRESS: entryPoints.__proto__: the key "__proto__" is refused: it could reach an object prototype',
    ],
    [
      'a masked value is not shown',
      { BAQUP_ENTRYPOINTS_WEB_REUSEPORT: 'hunter2' },
      'BAQUP_ENTRYPOINTS_WEB_REUSEPORT: entryPoints.web.reusePort: not a boolean (expected true or false, found a string)',
    ],
  ])('%s', (_name, env, message) => {
    expect(errorOf(() => fromEnv(env)).message).toBe(message)
  })
})
