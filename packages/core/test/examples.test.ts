import { readFileSync } from 'node:fs'
import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { parseConfigText } from '../src/config/load.js'
import { readReference, withAllowedValues } from './support/reference.js'

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8')

describe('examples/baqup.full.{yaml,toml}', () => {
  it.each(['yaml', 'toml'] as const)(
    'is the reference file with an allowed value in each closed set, and loads (%s)',
    (format) => {
      const name = `baqup.full.${format}`
      expect(example(name)).toBe(withAllowedValues(readReference(name)))
      expect(() => parseConfigText(example(name), format, staticConfigSchema, name)).not.toThrow()
    },
  )
})
