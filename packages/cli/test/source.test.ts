import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type Sandbox, sandbox } from './run-cli.js'

// The search starts at /etc/baqup: a file there would be read before any of these tests' files.
const systemConfig = existsSync('/etc/baqup')
if (systemConfig) console.warn('skipped: /etc/baqup exists on this machine and is searched first')

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** A working folder holding these files, and a fresh home (HOME, XDG_CONFIG_HOME) around it. */
function workspace(files: Record<string, string>): { cwd: string; home: Sandbox } {
  const cwd = mkdtempSync(join(tmpdir(), 'baqup-source-'))
  made.push(cwd)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content)
  return { cwd, home: sandbox() }
}

async function inspectJSON(cwd: string, home: Sandbox) {
  const { code, stdout, stderr } = await runCli(['inspect', '--json'], { cwd, home })
  expect(code, stderr).toBe(0)
  return JSON.parse(stdout) as { source: { kind: string; path?: string; searched?: string[] }; warnings: string[] }
}

describe.skipIf(systemConfig)('inspect says where the configuration came from', () => {
  it.each([
    ['empty', 'baqup.yaml', ''],
    ['only comments', 'baqup.yml', '# global:\n#   sendAnonymousUsage: true\n'],
    ['an empty mapping', 'baqup.yaml', '{}\n'],
    ['only comments, in TOML', 'baqup.toml', '# [global]\n'],
  ])('a file that is %s: a warning that it sets nothing', async (_, name, content) => {
    const { cwd, home } = workspace({ [name]: content })
    const path = join(cwd, name)
    const document = await inspectJSON(cwd, home)
    expect(document.source).toEqual({ kind: 'file', path })
    expect(document.warnings).toContain(`${path} is empty: it sets no option, defaults apply`)
    const { stdout } = await runCli(['inspect'], { cwd, home })
    expect(stdout).toContain(`! ${path} is empty: it sets no option, defaults apply`)
  })

  it('no file: `defaults` lists every path searched, in order', async () => {
    const { cwd, home } = workspace({})
    const document = await inspectJSON(cwd, home)
    const bases = ['/etc/baqup/baqup', join(home.env.XDG_CONFIG_HOME, 'baqup'), join(home.dir, '.config', 'baqup')]
    const places = [...bases, join(cwd, 'baqup')]
    expect(document.source).toEqual({
      kind: 'defaults',
      searched: places.flatMap((base) => ['.toml', '.yaml', '.yml'].map((extension) => base + extension)),
    })
    const { stdout } = await runCli(['inspect'], { cwd, home })
    const [first, ...rest] = stdout.split('\n')
    expect(first).toBe('Configuration  defaults')
    expect(rest.slice(0, 4).map((line) => line.trim())).toEqual(
      places.map((base, index) => `${index === 0 ? 'Searched  ' : ''}${base}.{toml,yaml,yml}`),
    )
  })

  it('./baqup.toml and ./baqup.yml: the TOML file is read, the other named as ignored', async () => {
    const { cwd, home } = workspace({
      'baqup.toml': '[log]\nlevel = "DEBUG"\n',
      'baqup.yml': 'log:\n  level: INFO\n',
    })
    const [toml, yml] = [join(cwd, 'baqup.toml'), join(cwd, 'baqup.yml')]
    const warning = `${yml} ignored: only the first configuration file found is read (${toml})`
    const document = await inspectJSON(cwd, home)
    expect(document.source).toEqual({ kind: 'file', path: toml })
    expect(document.warnings).toEqual([warning])
    const { stdout } = await runCli(['inspect'], { cwd, home })
    expect(stdout).toContain(`Configuration  file ${toml}\n  ! ${warning}\n`)
  })

  it('a file in $XDG_CONFIG_HOME wins over ./baqup.yaml, which is named as ignored', async () => {
    const { cwd, home } = workspace({ 'baqup.yaml': 'log:\n  level: INFO\n' })
    const xdg = join(home.env.XDG_CONFIG_HOME, 'baqup.toml')
    writeFileSync(xdg, '[log]\nlevel = "DEBUG"\n')
    const document = await inspectJSON(cwd, home)
    expect(document.source).toEqual({ kind: 'file', path: xdg })
    expect(document.warnings).toEqual([
      `${join(cwd, 'baqup.yaml')} ignored: only the first configuration file found is read (${xdg})`,
    ])
  })
})
