import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { toJSONSchema } from '../../src/schema/json-schema.js'
import { optionsMarkdown } from '../../src/schema/markdown.js'
import { listOptions } from '../../src/schema/options.js'
import { walk } from '../../src/schema/walk.js'

const schema = z.strictObject({
  port: z.int().default(80).optional().meta({ description: 'export', help: 'Port | to listen on.' }),
  wait: z.string().meta({ kind: 'duration' }).optional().meta({ help: 'How long.' }),
  points: z
    .record(z.string(), z.strictObject({ address: z.string().optional().meta({ help: 'Address.' }) }))
    .optional()
    .meta({ description: 'export', help: 'Entry points.' }),
  api: z
    .preprocess((v) => v, z.strictObject({}).optional())
    .meta({ kind: 'section' })
    .optional()
    .meta({ description: 'export', help: 'The API.' }),
})
const root = walk(schema)

describe('toJSONSchema', () => {
  const ignoredRootKeys = ['http', 'tcp', 'udp', 'tls', '$schema']
  const json: Record<string, any> = toJSONSchema(root, {
    id: 'https://example.org/s.json',
    title: 'T',
    ignoredRootKeys,
  })

  it('describes every field with its help text, type and default', () => {
    expect(json.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(json.properties.port).toEqual({ description: 'Port | to listen on.', type: 'integer', default: 80 })
    expect(json.properties.wait.type).toEqual(['string', 'number'])
    expect(new RegExp(json.properties.wait.pattern).test('1m30s')).toBe(true)
    expect(new RegExp(json.properties.wait.pattern).test('soon')).toBe(false)
    expect(json.properties.points.additionalProperties.properties.address.type).toBe('string')
  })

  it('accepts null and booleans for sections, and tolerates dynamic keys at the root only', () => {
    expect(json.properties.api.anyOf[1]).toEqual({ type: ['null', 'boolean'] })
    expect(json.additionalProperties).toBe(false)
    expect(json.properties.http).toEqual({})
    expect(json.properties.points.additionalProperties.additionalProperties).toBe(false)
  })

  it('allows only the root keys it is given, and never hides an option under one', () => {
    const plain = toJSONSchema(root) as Record<string, any>
    expect(Object.keys(plain.properties)).toEqual(['port', 'wait', 'points', 'api'])
    expect(plain.$id).toBeUndefined()
    const clash = toJSONSchema(root, { ignoredRootKeys: ['port', 'extra'] }) as Record<string, any>
    expect(clash.properties.port.type).toBe('integer')
    expect(clash.properties.extra).toEqual({})
  })
})

describe('optionsMarkdown', () => {
  it('writes one row per option with flag, kind, default, sent or masked, and escaped help', () => {
    const rows = optionsMarkdown(listOptions(root)).trim().split('\n')
    expect(rows.slice(2)).toEqual([
      '| `--port` | int | `80` | sent | Port \\| to listen on. |',
      '| `--wait` | duration |  | masked | How long. |',
      '| `--points.<name>.address` | string |  | masked | Address. |',
      '| `--api` | section |  | sent | The API. |',
    ])
  })
})
