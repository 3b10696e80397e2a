import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { EXPORT_MARKER, staticConfigSchema } from '../src/index.js'
import { ENUMERATIONS } from './enumerations.js'

interface JsonField {
  help?: unknown
  properties?: Record<string, JsonField>
  additionalProperties?: JsonField | boolean
  items?: JsonField
}

/** Every field of the JSON Schema (Zod's public view of the schema): options and the containers around them. */
function* fields(node: JsonField, path = ''): Generator<[string, JsonField]> {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key
    yield [childPath, child]
    yield* fields(child, childPath)
  }
  // Map values and list items are not fields: only what they contain is.
  if (typeof node.additionalProperties === 'object') yield* fields(node.additionalProperties, `${path}.<name>`)
  if (node.items) yield* fields(node.items, `${path}[]`)
}

const jsonSchema = z.toJSONSchema(staticConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonField
const all = [...fields(jsonSchema)]

describe('help texts', () => {
  it('reach every option and container through the JSON Schema', () => {
    const paths = all.map(([path]) => path)
    expect(paths).toContain('entryPoints')
    expect(paths).toContain('entryPoints.<name>.transport')
    expect(paths).toContain('entryPoints.<name>.http.tls.domains[].main')
    expect(paths).toContain('metrics.otlp.grpc.tls.ca')
  })

  it('are one line of 10 to 110 characters, from a capital letter to a period', () => {
    const bad = all.filter(([, field]) => {
      const help = field.help
      return typeof help !== 'string' || !/^[A-Z`][^\n]{8,108}\.$/.test(help) || help.includes('TODO')
    })
    expect(bad.map(([path, field]) => `${path}: ${String(field.help)}`)).toEqual([])
  })

  it('speak of Baqup only', () => {
    const foreign = all.filter(([, field]) => /traefik/i.test(String(field.help)))
    expect(foreign.map(([path]) => path)).toEqual([])
  })

  it('list the allowed values of enumerated strings', () => {
    // The values of a map are described on the map (`accessLog.fields.names`).
    const help = (path: string) => all.find(([candidate]) => candidate === path.replace(/\.<name>$/, ''))?.[1].help
    // A long set (17 provider names) is left to `flags`, which lists every set.
    for (const { path, values } of ENUMERATIONS.filter((enumeration) => enumeration.values.length <= 7)) {
      for (const value of values) expect(help(path), path).toMatch(new RegExp(`\\b${value}\\b`))
    }
  })
})

describe('the export marker', () => {
  it("is the schema's own metadata, readable with Zod's public meta()", () => {
    expect(staticConfigSchema.shape.global.meta()?.description).toBe(EXPORT_MARKER)
    expect(staticConfigSchema.shape.core.meta()?.description).toBeUndefined()
    expect(staticConfigSchema.shape.core.meta()?.help).toBe('Core behaviour kept from earlier major versions.')
  })
})
