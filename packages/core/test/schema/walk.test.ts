import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { listOptions } from '../../src/schema/options.js'
import { walk } from '../../src/schema/walk.js'

const sent = (schema: z.ZodType, help: string) => schema.optional().meta({ description: 'export', help })
const kept = (schema: z.ZodType, help: string) => schema.optional().meta({ help })
const section = (shape: z.ZodRawShape) =>
  z.preprocess((v) => (v === null || v === true ? {} : v), z.strictObject(shape).optional()).meta({ kind: 'section' })

const schema = z.strictObject({
  name: sent(z.string().default('edge'), 'Display name.'),
  port: sent(z.int().default(80), 'Port.'),
  ratio: sent(z.number(), 'A ratio.'),
  count: sent(z.number().int(), 'A count.'),
  level: sent(z.enum(['debug', 'info']), 'Level.'),
  secret: kept(z.string().meta({ kind: 'file-or-content' }), 'A secret.'),
  wait: sent(z.string().meta({ kind: 'duration' }).default('30s'), 'A wait.'),
  tags: sent(z.array(z.string()), 'Tags.'),
  weights: sent(z.array(z.number()), 'Weights.'),
  labels: kept(z.record(z.string(), z.string()), 'Labels.'),
  extra: kept(z.record(z.string(), z.unknown()), 'Anything.'),
  points: sent(z.record(z.string(), z.strictObject({ address: sent(z.string(), 'Address.') })), 'Points.'),
  domains: sent(z.array(z.strictObject({ main: kept(z.string(), 'Main domain.') })), 'Domains.'),
  api: sent(section({ insecure: sent(z.boolean().default(false), 'Insecure.') }), 'The API.'),
  hidden: kept(z.strictObject({ inner: sent(z.boolean(), 'Inner switch.') }), 'Not exported group.'),
})

describe('walk', () => {
  const root = walk(schema)

  it('reads every kind, merging metadata set on inner schemas and on their wrappers', () => {
    const kinds = Object.fromEntries([...(root.children ?? [])].map(([key, node]) => [key, node.kind]))
    expect(kinds).toEqual({
      name: 'string',
      port: 'int',
      ratio: 'float',
      count: 'int',
      level: 'string',
      secret: 'file-or-content',
      wait: 'duration',
      tags: 'string[]',
      weights: 'float[]',
      labels: 'map<string,string>',
      extra: 'map<string,any>',
      points: 'map',
      domains: 'list',
      api: 'section',
      hidden: 'object',
    })
    const wait = root.children?.get('wait')
    expect(wait).toMatchObject({ export: true, description: 'A wait.', default: '30s', hasDefault: true })
    expect(root.children?.get('level')?.values).toEqual(['debug', 'info'])
    expect(root.children?.get('secret')?.export).toBe(false)
  })

  it('gives map values and list items the export of their field', () => {
    expect(root.children?.get('points')?.item?.export).toBe(true)
    expect(root.children?.get('domains')?.item?.children?.get('main')?.export).toBe(false)
  })

  it('reads a string literal as an enumeration of its values', () => {
    const tree = walk(
      z.strictObject({ one: sent(z.literal('v1.example'), 'One.'), two: sent(z.literal(['a', 'b']), 'Two.') }),
    )
    expect(tree.children?.get('one')).toMatchObject({ kind: 'string', values: ['v1.example'] })
    expect(tree.children?.get('two')).toMatchObject({ kind: 'string', values: ['a', 'b'] })
  })

  it('returns the same tree for the same schema instance', () => {
    expect(walk(schema)).toBe(root)
  })

  it.each([
    ['a date', z.date()],
    ['a tuple', z.tuple([z.string()])],
    ['a union of objects', z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.string() })])],
    ['a number literal', z.literal(3)],
  ])('throws on a kind it does not know: %s', (_, unknown) => {
    expect(() => walk(z.strictObject({ field: unknown }))).toThrow(/unsupported Zod type/)
  })

  it('refuses a root that is not an object', () => {
    expect(() => walk(z.string())).toThrow(/root must be an object/)
  })

  it("reads a map's names dictionary and placeholder from its metadata", () => {
    const names = ['web', 'websecure']
    const tree = walk(
      z.strictObject({
        points: sent(z.record(z.string(), z.strictObject({})), 'Points.').meta({ names, placeholder: 'point' }),
      }),
    )
    expect(tree.children?.get('points')).toMatchObject({ kind: 'map', names, placeholder: 'point' })
  })

  it.each([
    ['names on a string', z.string().meta({ names: ['web'] }), /names set on a schema that is not a map/],
    ['names that are not ASCII', z.record(z.string(), z.string()).meta({ names: ['wéb'] }), /printable ASCII/],
    [
      'a qualified name without its dictionary',
      z.string().meta({ shape: { type: 'qualified-name', qualifiers: ['file'] } as never }),
      /names of a qualified-name shape/,
    ],
    ['a set without values', z.string().meta({ shape: { type: 'one-of' } as never }), /values of a one-of shape/],
    ['a shape it does not know', z.string().meta({ shape: { type: 'name' } as never }), /unsupported string shape/],
  ])('throws on closed-set metadata it cannot trust: %s', (_, field, message) => {
    expect(() => walk(z.strictObject({ field }))).toThrow(message)
  })
})

describe('listOptions', () => {
  const options = listOptions(walk(schema))
  const byPath = new Map(options.map((option) => [option.path, option]))

  it('names map entries <name> and list items [], and lists sections beside their fields', () => {
    expect(options.map((option) => option.path)).toEqual([
      'name',
      'port',
      'ratio',
      'count',
      'level',
      'secret',
      'wait',
      'tags',
      'weights',
      'labels',
      'extra',
      'points.<name>.address',
      'domains[].main',
      'api',
      'api.insecure',
      'hidden.inner',
    ])
  })

  it('exports an option only when it and every field above it are exported', () => {
    expect(byPath.get('points.<name>.address')?.export).toBe(true)
    expect(byPath.get('domains[].main')?.export).toBe(false)
    expect(byPath.get('hidden.inner')?.export).toBe(false)
  })

  it('gives sections a boolean default: on only when created with their parent', () => {
    expect(byPath.get('api')?.default).toBe(false)
    expect(byPath.get('api.insecure')?.default).toBe(false)
    expect(byPath.get('ratio')).not.toHaveProperty('default')
  })
})
