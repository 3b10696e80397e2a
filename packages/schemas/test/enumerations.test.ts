import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { staticConfigSchema } from '../src/index.js'
import { LEGO_DNS_PROVIDERS } from '../src/lego-dns-providers.js'
import { ENUMERATIONS } from './enumerations.js'

interface JsonField {
  enum?: unknown[]
  properties?: Record<string, JsonField>
  additionalProperties?: JsonField | boolean
  items?: JsonField
  anyOf?: JsonField[]
}

/** Paths of the enumerated options in Zod's own JSON Schema of the parsed configuration. */
function* enumerated(node: JsonField, path = ''): Generator<[string, unknown[]]> {
  if (node.enum) yield [path.replace(/\[\]$/, ''), node.enum]
  for (const [key, child] of Object.entries(node.properties ?? {}))
    yield* enumerated(child, path ? `${path}.${key}` : key)
  if (typeof node.additionalProperties === 'object') yield* enumerated(node.additionalProperties, `${path}.<name>`)
  if (node.items) yield* enumerated(node.items, `${path}[]`)
  for (const branch of node.anyOf ?? []) yield* enumerated(branch, path)
}

/** A configuration setting one option, `<name>` as `x`, a list as a one-item list. */
function configWith(path: string, value: string): unknown {
  const list = path === 'providers.precedence' || path.endsWith('strictChecks')
  const segments = path.replaceAll('<name>', 'x').split('.')
  return segments.reduceRight<unknown>((inner, key) => ({ [key]: inner }), list ? [value] : value)
}

const valueAt = (config: unknown, path: string) =>
  path
    .replaceAll('<name>', 'x')
    .split('.')
    .reduce<any>((node, key) => node?.[key], config)

describe('closed sets', () => {
  it("are exactly Baqup's, with their values", () => {
    const found = new Map(
      enumerated(z.toJSONSchema(staticConfigSchema, { io: 'output', unrepresentable: 'any' }) as JsonField),
    )
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(ENUMERATIONS.map((e) => [e.path, e.values])))
  })

  describe.each(ENUMERATIONS)('$path', ({ path, values, anyCase }) => {
    it('takes every allowed value as written', () => {
      for (const value of values) {
        const parsed = staticConfigSchema.parse(configWith(path, value))
        expect(valueAt(parsed, path)).toEqual(
          path.endsWith('strictChecks') || path.endsWith('precedence') ? [value] : value,
        )
      }
    })

    it('refuses any other value, naming the allowed ones', () => {
      const result = staticConfigSchema.safeParse(configWith(path, 'verbose'))
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_value', values })
    })

    it(anyCase ? 'reads another case as the listed spelling' : 'refuses another case', () => {
      const variant = values.find((value) => value.toUpperCase() !== value) ?? (values[0] as string)
      const swapped = variant === variant.toUpperCase() ? variant.toLowerCase() : variant.toUpperCase()
      const result = staticConfigSchema.safeParse(configWith(path, swapped))
      expect(result.success).toBe(anyCase)
      if (anyCase) {
        const kept = valueAt(result.data, path)
        expect(Array.isArray(kept) ? kept[0] : kept).toBe(variant)
      }
    })
  })
})

describe('lego DNS providers', () => {
  const provider = (name: string) =>
    staticConfigSchema.safeParse({ certificatesResolvers: { le: { acme: { dnsChallenge: { provider: name } } } } })

  it('are the names of the lego switch: unique, lower case, aliases and manual included', () => {
    expect(new Set(LEGO_DNS_PROVIDERS).size).toBe(LEGO_DNS_PROVIDERS.length)
    for (const name of LEGO_DNS_PROVIDERS) expect(name).toMatch(/^[a-z0-9-]+$/)
    expect(LEGO_DNS_PROVIDERS).toEqual(
      expect.arrayContaining(['cloudflare', 'route53', 'manual', 'exec', 'acme-dns', 'acmedns', 'rfc2136']),
    )
  })

  it('are exactly what the provider option takes', () => {
    for (const name of LEGO_DNS_PROVIDERS) expect(provider(name).success, name).toBe(true)
    for (const name of ['CLOUDFLARE', 'Route53', 'cloudflare ', 'lego', ''])
      expect(provider(name).success, name).toBe(false)
  })
})
