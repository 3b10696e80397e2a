import { staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anonymize, MASKED } from '../../src/report/anonymize.js'
import { checkAnonymized, isAnonymized } from '../../src/report/anonymized.js'
import { type SchemaNode, walk } from '../../src/schema/walk.js'
import { configArbitrary, materialize } from '../fixtures/anonymize/config-arbitrary.js'
import { strings } from '../support/strings.js'

const runs = Math.ceil((Number(process.env.FUZZ_RUNS) || 2_000) / 8)
const root = walk(staticConfigSchema)
const configs = configArbitrary(root).map(materialize)

interface Spot {
  at: (string | number)[]
  path: string
}

/** Every masked string of an anonymized configuration: where it is, and its option path. */
function maskedSpots(node: SchemaNode, value: unknown, at: (string | number)[], path: string, out: Spot[]): Spot[] {
  if (value === MASKED) out.push({ at, path })
  else if (Array.isArray(value) && node.kind !== 'list') {
    value.forEach((item, index) => {
      if (item === MASKED) out.push({ at: [...at, index], path })
    })
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => maskedSpots(node.item as SchemaNode, item, [...at, index], `${path}[]`, out))
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const map = node.kind === 'map'
      const childNode = map ? node.item : node.children?.get(key)
      const childPath = map ? `${path}.<name>` : path ? `${path}.${key}` : key
      if (childNode) maskedSpots(childNode, child, [...at, key], childPath, out)
    }
  }
  return out
}

function plant(config: Record<string, unknown>, at: (string | number)[], secret: string): Record<string, unknown> {
  const copy = structuredClone(config)
  let parent: Record<string | number, unknown> = copy
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
  parent[at[at.length - 1] as string | number] = secret
  return copy
}

describe('isAnonymized', () => {
  it('accepts every anonymized configuration: anonymize gives a fixed point', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(configs, ({ config }) => {
        const verdict = checkAnonymized(staticConfigSchema, anonymize(staticConfigSchema, config))
        expect(verdict).toEqual({ valid: true, paths: [] })
      }),
      { numRuns: runs },
    )
  })

  it('refuses a secret planted in a masked field, naming its path and never the secret', { timeout: 120_000 }, () => {
    const withMasks = configs
      .map(({ config }) => anonymize(staticConfigSchema, config))
      .map((anonymized) => ({ anonymized, spots: maskedSpots(root, anonymized, [], '', []) }))
      .filter(({ spots }) => spots.length > 0)
    fc.assert(
      fc.property(withMasks, fc.nat(), ({ anonymized, spots }, pick) => {
        const spot = spots[pick % spots.length] as Spot
        const secret = 'hunter2-planted-secret'
        const paths = isAnonymized(staticConfigSchema, plant(anonymized, spot.at, secret))
        expect(paths).toContain(spot.path)
        expect(JSON.stringify(paths)).not.toContain(secret)
      }),
      { numRuns: runs },
    )
  })

  it('refuses generated configurations before anonymization, without quoting any of their strings', {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(configs, ({ config, secrets }) => {
        fc.pre(secrets.length > 0)
        const verdict = checkAnonymized(staticConfigSchema, config)
        expect(verdict.paths.length).toBeGreaterThan(0)
        const said = verdict.paths.join('\n')
        for (const secret of secrets) expect(said).not.toContain(secret)
      }),
      { numRuns: runs },
    )
  })

  it('says where a configuration does not validate, without the name of an unknown key', () => {
    const verdict = checkAnonymized(staticConfigSchema, { global: { 'my-secret-key': true } })
    expect(verdict.valid).toBe(false)
    expect(verdict.paths.join()).not.toContain('my-secret-key')
    expect(checkAnonymized(staticConfigSchema, [1, 2]).valid).toBe(false)
  })

  it('names a map entry whose name is not the one anonymize sends as `<name>`', () => {
    const options = strings(anonymize(staticConfigSchema, { entryPoints: { 'db.internal.example.com': {} } }))
    expect(options.join()).not.toContain('example.com')
    expect(isAnonymized(staticConfigSchema, { entryPoints: { 'db.internal.example.com': {} } })).toEqual([
      'entryPoints.<name>',
    ])
    expect(isAnonymized(staticConfigSchema, { entryPoints: { web: { address: ':80' } } })).toEqual([])
  })

  it.each([
    ['an entry name with a trailing separator', { entryPoints: { 'db-prod-example-com-': {} } }, 'entryPoints.<name>'],
    ['an entry name of digits and dashes', { entryPoints: { '10-0-0-1': {} } }, 'entryPoints.<name>'],
    ['an entry name not in the dictionary', { entryPoints: { alice_at_example_com_: {} } }, 'entryPoints.<name>'],
    ['an entry name in another case', { entryPoints: { WebSecure: {} } }, 'entryPoints.<name>'],
    [
      'a plugin version with a host name',
      { experimental: { plugins: { geoblock: { version: 'v1.2.3-db.prod.example.com' } } } },
      'experimental.plugins.<name>.version',
    ],
    [
      'a redirection scheme that is not http or https',
      { entryPoints: { web: { http: { redirections: { entryPoint: { scheme: 'v192.168.1.10-hunter2.secret' } } } } } },
      'entryPoints.<name>.http.redirections.entryPoint.scheme',
    ],
    ['a look-alike dot in an enumeration', { log: { level: 'DEBUG\ua4f8' } }, 'log.level'],
  ])('refuses %s, as the client would not send it', (_, config, path) => {
    expect(isAnonymized(staticConfigSchema, config)).toEqual([path])
  })
})
