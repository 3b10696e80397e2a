import { readFileSync } from 'node:fs'
import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/errors.js'
import { parseConfigText } from '../../src/config/load.js'
import { anonymize } from '../../src/report/anonymize.js'
import { corpusDir, corpusFiles, corpusSkipReason, readReference, withAllowedValues } from '../support/reference.js'
import { strings } from '../support/strings.js'

/** The same inputs as anonymize.test.ts, read by the real loader, as `inspect` and the runtime read them. */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/anonymize/${name}`, import.meta.url), 'utf8')
const load = (text: string, name: string) =>
  parseConfigText(text, name.endsWith('.toml') ? 'toml' : 'yaml', staticConfigSchema, name)

describe('anonymize, configurations read by the loader', () => {
  const documented =
    '{"entryPoints":{"web":{"address":":80"}},"api":{},"providers":{"docker":{"endpoint":"xxxx","exposedByDefault":true,"tls":{"ca":"xxxx","cert":"xxxx","key":"xxxx","insecureSkipVerify":true}}}}'

  it.each(['documentation-example.yaml', 'documentation-example.toml'])(
    '%s comes out exactly as documented',
    (name) => {
      expect(JSON.stringify(anonymize(staticConfigSchema, load(fixture(name), name)))).toBe(documented)
    },
  )

  it('refuses the documentation example as printed (address mis-indented), pointing at entryPoints.address', () => {
    const name = 'documentation-example.as-printed.yaml'
    const error = (() => {
      try {
        load(fixture(name), name)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).path).toBe('entryPoints.address')
    expect((error as ConfigError).message).toContain('entryPoints.address')
  })

  it("reads Traefik's redactor fixture and anonymizes it as from the plain YAML", async () => {
    const { parse } = await import('yaml')
    const text = withAllowedValues(readReference('redactor/static-input.yaml'))
    expect(anonymize(staticConfigSchema, load(text, 'static-input.yaml'))).toEqual(
      anonymize(staticConfigSchema, parse(text)),
    )
  })
})

// Written independently of the scrub patterns, so that a gap in them shows here.
const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['URL', /[a-z][a-z0-9+.-]*:\/\//i],
  ['e-mail address', /[^\s@]+@[^\s@]+\.[a-z]{2,}/i],
  ['IPv4 address', /\d+\.\d+\.\d+\.\d+/],
  ['IPv6 address', /[0-9a-f]*:[0-9a-f]*:[0-9a-f]*/i],
  ['host name', /[a-z0-9-]+\.[a-z]{2,}(?![a-z0-9])/i],
]

describe.skipIf(corpusFiles.length === 0)(`anonymize, real users' configurations ${corpusSkipReason}`, () => {
  const loaded = corpusFiles.flatMap((name) => {
    try {
      return [[name, load(readFileSync(corpusDir + name, 'utf8'), name)] as const]
    } catch (error) {
      if (error instanceof ConfigError) return [] // Not a loadable v3 static configuration: refused with a message.
      throw error
    }
  })

  it('loads most of the corpus', () => {
    expect(loaded.length).toBeGreaterThan(corpusFiles.length / 2)
  })

  const leaksIn = (value: unknown) =>
    strings(value).flatMap((text) =>
      LEAKS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => `${kind}: ${text}`),
    )

  it('finds such values in the configurations as written (the check is not vacuous)', () => {
    const kinds = new Set(loaded.flatMap(([, config]) => leaksIn(config).map((leak) => leak.split(':')[0])))
    expect(kinds.size).toBeGreaterThanOrEqual(3)
  })

  it.each(loaded)('%s: no URL, e-mail, IP address or host name in the anonymized copy', (_, config) => {
    expect(leaksIn(anonymize(staticConfigSchema, config))).toEqual([])
  })
})
