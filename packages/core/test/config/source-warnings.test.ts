import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { load, tempDir, writeIn } from './helpers.js'

/** A search with nothing from the machine: system folder, home and working folder are fresh. */
function searchIn() {
  const systemDir = tempDir()
  const home = tempDir()
  const cwd = tempDir()
  return { systemDir, home, cwd, options: { fileName: 'baqup', systemDir, home, cwd } }
}

describe('loadConfig: the source is said clearly', () => {
  it.each([
    ['an empty file', 'baqup.yaml', ''],
    ['blank lines', 'baqup.yaml', '\n\n  \n'],
    ['only comments (YAML)', 'baqup.yml', '# global:\n#   checkNewVersion: false\n'],
    ['only comments (TOML)', 'baqup.toml', '# [global]\n'],
    ['an empty mapping', 'baqup.yaml', '{}\n'],
  ])('warns that %s sets nothing', (_, name, content) => {
    const { cwd, options } = searchIn()
    const path = writeIn(cwd, name, content)
    const loaded = load(options)
    expect(loaded.source).toEqual({ kind: 'file', path })
    expect(loaded.warnings).toEqual([`${path} is empty: it sets no option, defaults apply`])
  })

  it('does not warn about a file that sets something', () => {
    const { cwd, options } = searchIn()
    writeIn(cwd, 'baqup.yaml', '# comment\nlog:\n  level: DEBUG\n')
    expect(load(options).warnings).toEqual([])
  })

  it('names every path searched when no file was found', () => {
    const { systemDir, home, cwd, options } = searchIn()
    const searched = load(options).source.searched
    const bases = [join(systemDir, 'baqup', 'baqup'), join(home, '.config', 'baqup'), join(cwd, 'baqup')]
    expect(searched).toEqual(bases.flatMap((base) => ['.toml', '.yaml', '.yml'].map((ext) => base + ext)))
  })

  it('searches nothing, and says so, without a file name', () => {
    expect(load({}).source).toEqual({ kind: 'defaults' })
  })

  it('says which file was read and which others found were ignored, in the same folder', () => {
    const { cwd, options } = searchIn()
    const toml = writeIn(cwd, 'baqup.toml', '[log]\nlevel = "DEBUG"\n')
    const yml = writeIn(cwd, 'baqup.yml', 'log:\n  level: INFO\n')
    const loaded = load(options)
    expect(loaded.source.path).toBe(toml)
    expect(loaded.warnings).toEqual([`${yml} ignored: only the first configuration file found is read (${toml})`])
  })

  it('and across searched folders', () => {
    const { home, cwd, options } = searchIn()
    mkdirSync(join(home, '.config'))
    const first = writeIn(join(home, '.config'), 'baqup.yaml', 'log:\n  level: DEBUG\n')
    const second = writeIn(cwd, 'baqup.toml', '[log]\nlevel = "INFO"\n')
    const loaded = load(options)
    expect(loaded.source.path).toBe(first)
    expect(loaded.warnings).toEqual([`${second} ignored: only the first configuration file found is read (${first})`])
  })

  it('names no other file when --configFile chooses one', () => {
    const { cwd, options } = searchIn()
    const chosen = writeIn(cwd, 'baqup.yml', 'log:\n  level: INFO\n')
    writeIn(cwd, 'baqup.toml', '[log]\nlevel = "DEBUG"\n')
    const loaded = load({ ...options, argv: [`--configFile=${chosen}`] })
    expect(loaded.source.path).toBe(chosen)
    expect(loaded.warnings).toEqual([])
  })

  it('skips, after the one read, a candidate that is not a regular file', () => {
    const { cwd, options } = searchIn()
    const toml = writeIn(cwd, 'baqup.toml', '[log]\nlevel = "DEBUG"\n')
    mkdirSync(join(cwd, 'baqup.yaml'))
    const loaded = load(options)
    expect(loaded.source.path).toBe(toml)
    expect(loaded.warnings).toEqual([])
  })
})
