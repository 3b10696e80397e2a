import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { parseConfigText } from '../../src/config/load.js'
import { walk } from '../../src/schema/walk.js'
import { configArbitrary } from './arbitrary.js'
import { toEnv, toFlags, toToml } from './emit.js'
import { load, schema } from './helpers.js'

const root = walk(schema)
const configs = configArbitrary(root)
const runs = { numRuns: 250 }

describe('round trips: a configuration written in any source loads back the same', () => {
  it('through YAML', () => {
    fc.assert(
      fc.property(configs, (config) => {
        expect(parseConfigText(stringify(config, { lineWidth: 0 }), 'yaml', schema, 'p.yaml')).toEqual(config)
      }),
      runs,
    )
  })

  it('through TOML', () => {
    fc.assert(
      fc.property(configs, (config) => {
        expect(parseConfigText(toToml(config), 'toml', schema, 'p.toml')).toEqual(config)
      }),
      runs,
    )
  })

  it('through flags', () => {
    fc.assert(
      fc.property(configs, (config) => {
        expect(load({ argv: toFlags(config, root) }).config).toEqual(config)
      }),
      runs,
    )
  })

  it('through env', () => {
    fc.assert(
      fc.property(configs, (config) => {
        expect(load({ env: toEnv(config, root, 'BAQUP_'), envPrefix: 'BAQUP_' }).config).toEqual(config)
      }),
      runs,
    )
  })
})
