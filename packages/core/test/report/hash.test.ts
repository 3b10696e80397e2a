import { webcrypto } from 'node:crypto'
import { staticConfigSchema } from '@baqup/schemas'
import TOML from '@iarna/toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { anonymize } from '../../src/report/anonymize.js'
import { canonicalJSON, configHash, HASH_SLICE_LENGTH } from '../../src/report/hash.js'

const KEY = 'a'.repeat(64)

/** The reference: WebCrypto's HMAC-SHA-256 of the given bytes with KEY, in hex. */
async function webCryptoHmac(bytes: Uint8Array): Promise<string> {
  const encoder = new TextEncoder()
  const key = await webcrypto.subtle.importKey('raw', encoder.encode(KEY), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return Buffer.from(await webcrypto.subtle.sign('HMAC', key, bytes)).toString('hex')
}
/** The effective configuration, as the runtime hashes it: parsed by the schema, defaults applied. */
const effective = (config: unknown) => staticConfigSchema.parse(config)

describe('canonicalJSON', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJSON({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    )
  })

  it('sorts by UTF-16 code unit, whatever the locale', () => {
    expect(canonicalJSON({ b: 1, B: 2, é: 3, a: 4, _: 5 })).toBe('{"B":2,"_":5,"a":4,"b":1,"é":3}')
  })

  it('sorts integer-like keys as text too, though JavaScript keeps them first', () => {
    expect(canonicalJSON({ b: 1, 9: 2, 10: 3, a: { 2: 'x', 1: 'y' } })).toBe(
      '{"10":3,"9":2,"a":{"1":"y","2":"x"},"b":1}',
    )
  })

  it('keeps a member named __proto__ as a member', () => {
    expect(canonicalJSON(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}')
  })

  it('refuses what JSON cannot represent faithfully', () => {
    expect(() => canonicalJSON({ a: new Map([['k', 1]]) })).toThrow(/cannot represent a Map/)
    expect(() => canonicalJSON({ a: 1n })).toThrow(TypeError)
  })

  it('drops undefined members and writes undefined items as null, like JSON', () => {
    expect(canonicalJSON({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}')
  })

  it('keeps the order of arrays', () => {
    expect(canonicalJSON([3, 1, 2])).toBe('[3,1,2]')
  })

  it('writes strings, numbers and dates as JSON does', () => {
    expect(canonicalJSON({ s: 'a"b\n', n: 1.5, d: new Date(0), nan: Number.NaN })).toBe(
      '{"d":"1970-01-01T00:00:00.000Z","n":1.5,"nan":null,"s":"a\\"b\\n"}',
    )
  })

  it('refuses a cycle with an error rather than recursing forever', () => {
    const value: Record<string, unknown> = {}
    value.self = value
    expect(() => canonicalJSON(value)).toThrow(/cycle/)
  })

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 }
    expect(canonicalJSON({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}')
  })
})

describe('configHash', () => {
  it('is the hex HMAC-SHA-256 of the canonical JSON', async () => {
    const config = { b: [1, 2], a: 'x' }
    expect(configHash(config, KEY)).toBe(await webCryptoHmac(new TextEncoder().encode('{"a":"x","b":[1,2]}')))
    expect(configHash(config, KEY)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('hashes the UTF-8 bytes of the whole text, however long, a character outside the BMP included', async () => {
    // `{"a":"` is 6 characters: the emoji's two halves straddle each slice boundary in turn.
    for (const shift of [-2, -1, 0, 1]) {
      const value = { a: `${'x'.repeat(HASH_SLICE_LENGTH - 6 + shift)}🧀é${'y'.repeat(HASH_SLICE_LENGTH)}` }
      const expected = await webCryptoHmac(new TextEncoder().encode(canonicalJSON(value)))
      expect(configHash(value, KEY), `shift ${shift}`).toBe(expected)
    }
  })

  it('hashes a large map written in pieces as the HMAC of its whole canonical JSON', async () => {
    const entries = Array.from({ length: 100 }, (_, index) => [
      `ep${index}`,
      { z: index, a: [index, undefined, () => 0, new Date(index)], gone: undefined },
    ])
    const value = {
      entryPoints: Object.fromEntries(entries),
      list: Array.from({ length: 50 }, (_, index) => (index % 7 ? { y: index, x: 'é🧀' } : undefined)),
    }
    const expected = await webCryptoHmac(new TextEncoder().encode(canonicalJSON(value)))
    expect(configHash(value, KEY)).toBe(expected)
  })

  it('treats a string key as its UTF-8 bytes', () => {
    expect(configHash({ a: 1 }, KEY)).toBe(configHash({ a: 1 }, new TextEncoder().encode(KEY)))
  })

  it('gives the same hash for the same configuration in YAML and TOML, in any key order', () => {
    const yaml = parseYaml(`
providers:
  docker:
    exposedByDefault: false
    endpoint: tcp://10.0.0.1:2375
entryPoints:
  websecure: { address: ":443" }
  web:
    transport: { respondingTimeouts: { readTimeout: 90 } }
    address: ":80"
`)
    const toml = TOML.parse(`
[entryPoints.web]
address = ":80"
[entryPoints.web.transport.respondingTimeouts]
readTimeout = "1m30s"
[entryPoints.websecure]
address = ":443"
[providers.docker]
endpoint = "tcp://10.0.0.1:2375"
exposedByDefault = false
`)
    expect(configHash(effective(yaml), KEY)).toBe(configHash(effective(toml), KEY))
  })

  it('gives another hash for a one-character change in a masked value, though the anonymized copy is the same', () => {
    const before = { providers: { docker: { endpoint: 'tcp://10.0.0.1:2375' } } }
    const after = { providers: { docker: { endpoint: 'tcp://10.0.0.2:2375' } } }
    expect(anonymize(staticConfigSchema, before)).toEqual(anonymize(staticConfigSchema, after))
    expect(configHash(effective(before), KEY)).not.toBe(configHash(effective(after), KEY))
  })

  it('gives another hash when a default is written with another value', () => {
    expect(configHash(effective({ global: { checkNewVersion: true } }), KEY)).toBe(configHash(effective({}), KEY))
    expect(configHash(effective({ global: { checkNewVersion: false } }), KEY)).not.toBe(configHash(effective({}), KEY))
  })

  it('gives another hash with another key (another installation)', () => {
    const config = effective({ api: {} })
    expect(configHash(config, KEY)).not.toBe(configHash(config, 'b'.repeat(64)))
  })

  it('refuses an empty key', () => {
    expect(() => configHash({}, '')).toThrow(/key is empty/)
    expect(() => configHash({}, new Uint8Array())).toThrow(/key is empty/)
  })
})
