import { oneOf, oneOfAnyCase } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { toJSONSchema } from '../../src/schema/json-schema.js'
import { optionsMarkdown } from '../../src/schema/markdown.js'
import { allowedValues, listOptions } from '../../src/schema/options.js'
import { walk } from '../../src/schema/walk.js'

const help = (text: string) => ({ description: 'export' as const, help: text })
const schema = z.strictObject({
  level: oneOfAnyCase(['DEBUG', 'INFO']).default('INFO').optional().meta(help('Level.')),
  format: oneOf(['common', 'json']).optional().meta(help('Format.')),
  checks: z
    .array(oneOfAnyCase(['passing', 'warning']))
    .optional()
    .meta(help('Checks.')),
  name: z.string().optional().meta(help('Name.')),
})
const root = walk(schema)
const node = (key: string) => root.children?.get(key)

describe('walk: enumerations', () => {
  it('reads the set of an enumeration, of a case-insensitive one and of a list of them', () => {
    expect(node('level')).toMatchObject({ kind: 'string', values: ['DEBUG', 'INFO'], caseInsensitive: true })
    expect(node('format')).toMatchObject({ kind: 'string', values: ['common', 'json'] })
    expect(node('format')?.caseInsensitive).toBeUndefined()
    expect(node('checks')).toMatchObject({ kind: 'string[]', values: ['passing', 'warning'], caseInsensitive: true })
    expect(node('name')?.values).toBeUndefined()
  })

  it('refuses the case-insensitive marker on what is not an enumeration', () => {
    const wrong = z.strictObject({ name: z.string().meta({ caseInsensitive: true }).optional() })
    expect(() => walk(wrong)).toThrow(/caseInsensitive/)
  })

  it('lists the set with each option, as flags print it', () => {
    const options = listOptions(root)
    expect(options.find((option) => option.path === 'level')).toMatchObject({
      values: ['DEBUG', 'INFO'],
      caseInsensitive: true,
      default: 'INFO',
    })
    expect(options.find((option) => option.path === 'name')).not.toHaveProperty('values')
    const checks = options.find((option) => option.path === 'checks')
    expect(checks && allowedValues(checks)).toBe('one of passing, warning, in any case')
    expect(optionsMarkdown(options)).toContain('| `--format` | string: one of `common`, `json` |')
  })
})

describe('toJSONSchema: enumerations', () => {
  const properties = toJSONSchema(root).properties as Record<string, any>

  it('gives a case-sensitive set as an enum', () => {
    expect(properties.format).toMatchObject({ type: 'string', enum: ['common', 'json'] })
  })

  it('gives a case-insensitive set as its values, plus a pattern accepting any case', () => {
    const level = properties.level
    expect(level.anyOf[0]).toEqual({ enum: ['DEBUG', 'INFO'] })
    const pattern = new RegExp(level.anyOf[1].pattern)
    for (const accepted of ['DEBUG', 'debug', 'Info']) expect(pattern.test(accepted), accepted).toBe(true)
    for (const refused of ['verbose', 'DEBUGX', 'xinfo', '']) expect(pattern.test(refused), refused).toBe(false)
  })

  it('gives the items of a list of a set', () => {
    expect(properties.checks.items.anyOf[0]).toEqual({ enum: ['passing', 'warning'] })
  })
})
