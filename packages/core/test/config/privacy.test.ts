import { describe, expect, it } from 'vitest'
import { errorOf, fromFlags, toml, yaml } from './helpers.js'

/**
 * Error messages reach terminals and logs: they carry the value a user wrote only where the
 * option is exported, and even then never an address.
 */
describe('a plain value where a mapping, section, map or list is expected shows only its type', () => {
  it.each([
    ['an entry point given an address', 'entryPoints:\n  web: "10.0.0.1:80"', 'entryPoints.web', '10.0.0.1'],
    ['a provider given a URL', 'providers:\n  docker: "tcp://10.9.9.9:2375"', 'providers.docker', '10.9.9.9'],
    ['a map given a host name', 'certificatesResolvers: db.internal.example.org', 'certificatesResolvers', 'internal'],
    ['a group given a host', 'entryPoints:\n  web:\n    http: secret.example.org', 'entryPoints.web.http', 'secret'],
    [
      'a list given an address',
      'entryPoints:\n  web:\n    http:\n      tls:\n        domains: 10.1.2.3',
      'entryPoints.web.http.tls.domains',
      '10.1.2.3',
    ],
    [
      'a string map given a host name',
      'tracing:\n  resourceAttributes: host.example.org',
      'tracing.resourceAttributes',
      'host.example',
    ],
  ])('%s', (_name, text, path, secret) => {
    const error = errorOf(() => yaml(text))
    expect(error.path).toBe(path)
    expect(error.found).toBe('a string')
    expect(error.message).not.toContain(secret)
  })

  it('in TOML and in flags too', () => {
    const fromToml = errorOf(() => toml('[providers]\ndocker = "tcp://10.9.9.9:2375"'))
    expect(fromToml.message).toBe(
      't.toml:2:1: providers.docker: not a mapping (expected a mapping, true or false, found a string)',
    )
    const fromFlag = errorOf(() => fromFlags('--entryPoints.web=10.0.0.1:80'))
    expect(fromFlag.message).toBe('--entryPoints.web: not a mapping (expected a mapping of options, found a string)')
  })
})

describe('an option written where an entry name belongs is shown by the option’s own export flag', () => {
  it('shows only the type of a masked option (reusePort)', () => {
    const error = errorOf(() => yaml('entryPoints:\n  reusePort: true'))
    expect(error.path).toBe('entryPoints.reusePort')
    expect(error.found).toBe('a boolean')
    expect(error.message).not.toContain('true)')
  })

  it('shows an exported option (address), without the address it may hold', () => {
    expect(errorOf(() => yaml('entryPoints:\n  address: ":80"')).found).toBe('":80"')
    const error = errorOf(() => yaml('entryPoints:\n  address: "10.0.0.1:80"'))
    expect(error.found).toBe('a string (not shown: address, port or URL)')
    expect(error.message).not.toContain('10.0.0.1')
  })
})

describe('an exported value in found goes through the scrub pass', () => {
  it.each([
    ['an IPv4 address', 'log:\n  maxSize: 10.0.0.1', 'host name, IP address or dotted token'],
    ['a URL', 'log:\n  noColor: https://logs.internal/x', 'address, port or URL'],
    ['a host name', 'log:\n  maxAge: db.example.org', 'host name, IP address or dotted token'],
    ['an e-mail address', 'log:\n  compress: ops@example.org', 'e-mail address or user name'],
    ['an address on one host', 'log:\n  maxBackups: db.k8s:5432', 'address, port or URL'],
  ])('%s', (_name, text, pattern) => {
    const error = errorOf(() => yaml(text))
    expect(error.found).toBe(`a string (not shown: ${pattern})`)
    expect(error.message).not.toMatch(/10\.0\.0\.1|internal|example\.org/)
  })

  it('keeps a harmless exported value readable', () => {
    expect(errorOf(() => yaml('log:\n  maxSize: big')).found).toBe('"big"')
  })
})
