import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/errors.js'
import { tomlToRaw } from '../../src/config/toml.js'

describe('tomlToRaw', () => {
  it('reads a TOML text with the parser it is given', () => {
    const raw = tomlToRaw('[log]\nlevel = "INFO"', 't.toml')
    expect(raw?.entries.map((entry) => entry.key)).toEqual(['log'])
  })

  it('lets a parser that cannot be loaded fail as itself, not as "not valid TOML"', () => {
    const missing = new Error("Cannot find module '@iarna/toml'")
    const cannotLoad = () => {
      throw missing
    }
    let thrown: unknown
    try {
      tomlToRaw('[log]\nlevel = "INFO"', 't.toml', cannotLoad)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBe(missing)
    expect(thrown).not.toBeInstanceOf(ConfigError)
  })
})
