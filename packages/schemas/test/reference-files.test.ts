import TOML from '@iarna/toml'
import { describe, expect, it } from 'vitest'
import { parse as parseYAML } from 'yaml'
import { staticConfigSchema } from '../src/static-config.js'
import { readReference, withAllowedValues } from './reference.js'

const yamlDocument = withAllowedValues(parseYAML(readReference('baqup.full.yaml')))
const tomlDocument = withAllowedValues(JSON.parse(JSON.stringify(TOML.parse(readReference('baqup.full.toml')))))

type Document = { providers: { http: Record<string, unknown> & { headers: Record<string, unknown> } } }

/**
 * The TOML reference writes `maxResponseBodySize = 42` after `[providers.http.headers]`, which
 * makes it a header (a number where a header value is text); the YAML file has it under
 * `providers.http`, where it was meant: put it back there.
 */
function withoutMisplacedHeader(document: Document) {
  const copy = structuredClone(document)
  copy.providers.http.maxResponseBodySize = copy.providers.http.headers.maxResponseBodySize
  delete copy.providers.http.headers.maxResponseBodySize
  return copy
}

describe('the full reference files', () => {
  it('baqup.full.yaml validates against the schema', () => {
    expect(staticConfigSchema.safeParse(yamlDocument).error?.issues ?? []).toEqual([])
  })

  it('baqup.full.toml validates, but for its one misplaced key', () => {
    const issues = staticConfigSchema.safeParse(tomlDocument).error?.issues ?? []
    expect(issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['providers.http.headers.maxResponseBodySize', 'invalid_type'],
    ])
    expect(staticConfigSchema.safeParse(withoutMisplacedHeader(tomlDocument)).success).toBe(true)
  })

  it('give the same value in YAML and in TOML', () => {
    expect(staticConfigSchema.parse(withoutMisplacedHeader(tomlDocument))).toEqual(
      staticConfigSchema.parse(yamlDocument),
    )
  })
})
