import { exported, masked } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { parseConfigText } from '../../src/config/load.js'
import { errorOf } from './helpers.js'

/** A schema whose object-level check quotes the value it refuses, as a custom check may. */
const schema = z.object({
  server: exported(
    z
      .object({
        name: exported(z.string().optional(), 'A name.'),
        password: masked(z.string().optional(), 'A secret.'),
      })
      .superRefine((value, ctx) => {
        const quoted = JSON.stringify(value)
        if (value.name === 'whole') ctx.addIssue({ code: 'custom', message: `refused ${quoted}` })
        if (value.name === 'name') ctx.addIssue({ code: 'custom', path: ['name'], message: `name ${quoted}` })
        if (value.name === 'password') ctx.addIssue({ code: 'custom', path: ['password'], message: `pw ${quoted}` })
      }),
    'A server.',
  ),
})

const parse = (name: string) =>
  errorOf(() => parseConfigText(`server:\n  name: ${name}\n  password: hunter2-secret`, 'yaml', schema, 'v.yaml'))

describe('validateConfig: a check on the whole configuration, after normalization', () => {
  it('quotes the message of a check on an exported leaf, at its location', () => {
    const error = parse('name')
    expect(error.message).toMatch(/^v\.yaml:2:9: server\.name: name \{/)
  })

  it('says only the issue code for a masked leaf', () => {
    expect(parse('password').message).toBe('v.yaml:3:13: server.password: invalid value (custom)')
  })

  it('says only the issue code for a group, whose value holds masked options', () => {
    expect(parse('whole').message).toBe('v.yaml:2:3: server: invalid value (custom)')
  })
})
