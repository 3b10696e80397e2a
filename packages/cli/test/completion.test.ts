import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { bin, fixture, runCli, STACK_FRAME } from './run-cli.js'

const run = promisify(execFile)
const installed = (shell: string) => spawnSync(shell, ['--version']).status === 0
/** Why a shell's tests skip (undefined when they run), said in their title and once on stderr. */
function missing(shell: string): string | undefined {
  if (installed(shell)) return undefined
  const reason = `${shell} completion tests skipped: no ${shell} on PATH (apt-get install ${shell}; .ci/run installs it)`
  console.warn(reason)
  return reason
}
const fishMissing = missing('fish')
const zshMissing = missing('zsh')
const folder = mkdtempSync(join(tmpdir(), 'baqup-completion-'))
/** A file the `--configFile=` completion must find, in the folder the shells run in. */
writeFileSync(join(folder, 'baqup-site.yaml'), 'log:\n  level: INFO\n')

interface FlagEntry {
  path: string
  kind: string
  values: string[] | null
}

let flagList: FlagEntry[] = []
beforeAll(async () => {
  flagList = JSON.parse((await runCli(['flags', '--json'])).stdout)
})
const flag = (path: string) => flagList.find((entry) => entry.path === path) as FlagEntry

async function script(shell: string): Promise<string> {
  const { code, stdout, stderr } = await runCli(['completion', shell])
  expect(code).toBe(0)
  expect(stderr).toBe('')
  const file = join(mkdtempSync(join(folder, `${shell}-`)), 'script')
  writeFileSync(file, stdout)
  return file
}

/** The word being typed: what follows the last space of the line. */
const lastWord = (line: string) => line.slice(line.lastIndexOf(' ') + 1)

/** COMP_WORDS as bash builds them: split at spaces, and at `=` and `:` (its default COMP_WORDBREAKS). */
function bashWords(line: string, wordBreaks: boolean): string[] {
  return line.split(' ').flatMap((word) => (wordBreaks && word !== '' ? word.split(/([=:])/).filter(Boolean) : [word]))
}

/**
 * Sources the script in `bash --norc`, then calls the function it registered for the program,
 * as bash does on TAB, once per line. Returns the words the operator ends up with.
 */
async function bashComplete(file: string, lines: string[], wordBreaks = true): Promise<string[][]> {
  const driver = `source "$1"; shift
spec=$(complete -p baqup-telemetry); spec=\${spec#*-F }; function=\${spec%% *}
while (($#)); do
  COMP_LINE=$1 COMP_POINT=\${#1} count=$2; shift 2
  COMP_WORDS=("\${@:1:count}") COMP_CWORD=$((count - 1)) COMPREPLY=(); shift "$count"
  "$function" baqup-telemetry
  printf '%s\\n' "\${COMPREPLY[@]}"; printf '\\036\\n'
done`
  const args = lines.flatMap((line) => {
    const words = bashWords(`baqup-telemetry ${line}`, wordBreaks)
    return [`baqup-telemetry ${line}`, String(words.length), ...words]
  })
  const { stdout } = await run('bash', ['--norc', '--noprofile', '-c', driver, 'bash', file, ...args], { cwd: folder })
  return stdout
    .split('\u001e\n')
    .slice(0, lines.length)
    .map((replies, index) => {
      const line = `baqup-telemetry ${lines[index]}`
      const current = bashWords(line, wordBreaks).at(-1) as string
      const kept = lastWord(line).slice(0, lastWord(line).length - current.length)
      return replies
        .split('\n')
        .filter(Boolean)
        .map((reply) => kept + reply)
    })
}

async function fishComplete(file: string, lines: string[]): Promise<string[][]> {
  const driver = `source $argv[1]; for line in $argv[2..]; complete -C "$line"; echo \\x1e; end`
  const args = lines.map((line) => `baqup-telemetry ${line}`)
  const { stdout } = await run('fish', ['--no-config', '-c', driver, file, ...args], { cwd: folder })
  return stdout
    .split('\u001e\n')
    .slice(0, lines.length)
    .map((block) =>
      block
        .split('\n')
        .filter(Boolean)
        .map((row) => row.split('\t')[0] as string),
    )
}

/** Real zsh: an interactive shell in a pseudo-terminal, compinit, the script in $fpath as `_baqup-telemetry`. */
async function zshComplete(file: string, line: string): Promise<string[]> {
  const functions = mkdtempSync(join(folder, 'fpath-'))
  writeFileSync(join(functions, '_baqup-telemetry'), readFileSync(file))
  const capture = fixture('completion/zsh-capture.zsh')
  const { stdout } = await run('zsh', ['-f', capture, functions, `baqup-telemetry ${line}`], { cwd: folder })
  return stdout.split('\n').filter(Boolean)
}

/** The cases every shell must complete, with what the operator must be offered. */
function cases(): [string, string, (offered: string[]) => void][] {
  return [
    ['a command', 'ins', (offered) => expect(offered).toEqual(['inspect'])],
    ['an own option', 'inspect --js', (offered) => expect(offered).toEqual(['--json'])],
    ['a configuration flag', 'inspect --log.le', (offered) => expect(offered).toEqual(['--log.level='])],
    [
      'the values of an enumeration',
      'inspect --log.level=',
      (offered) => {
        const levels = flag('log.level').values ?? []
        expect(levels.length).toBeGreaterThan(2)
        expect([...offered].sort()).toEqual(levels.map((level) => `--log.level=${level}`).sort())
      },
    ],
    [
      'the closed set of the values of a map',
      'inspect --accessLog.fields.names.ClientHost=',
      (offered) =>
        expect([...offered].sort()).toEqual([
          '--accessLog.fields.names.ClientHost=drop',
          '--accessLog.fields.names.ClientHost=keep',
        ]),
    ],
    [
      'true and false for a boolean',
      'send --global.sendAnonymousUsage=',
      (offered) =>
        expect([...offered].sort()).toEqual(['--global.sendAnonymousUsage=false', '--global.sendAnonymousUsage=true']),
    ],
    [
      'the segments after a name the operator typed',
      'run --entryPoints.web.addr',
      (offered) => expect(offered).toEqual(['--entryPoints.web.address=']),
    ],
    ['the closed set of an own option', 'inspect --format=t', (offered) => expect(offered).toEqual(['--format=toml'])],
    ['the shells of completion', 'completion f', (offered) => expect(offered).toEqual(['fish'])],
    [
      'a configuration file',
      'inspect --configFile=baqup-s',
      (offered) => expect(offered).toEqual(['--configFile=baqup-site.yaml']),
    ],
    ['no configuration flag where a command takes none', 'flags --log.le', (offered) => expect(offered).toEqual([])],
  ]
}

describe('baqup-telemetry completion', () => {
  it.each([
    ['no shell', []],
    ['an unknown shell', ['powershell']],
  ])('with %s exits 2 and names the shells it knows', async (_, args) => {
    const { code, stdout, stderr } = await runCli(['completion', ...args])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^baqup-telemetry: completion needs a shell: bash, zsh, fish \(.+\)\n$/)
    expect(stderr).not.toMatch(STACK_FRAME)
    if (args[0]) expect(stderr).toContain(`"${args[0]}"`)
  })

  it('--help says how to install the script for each shell', async () => {
    const { code, stdout } = await runCli(['completion', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('completion bash > ~/.local/share/bash-completion/completions/baqup-telemetry')
    expect(stdout).toMatch(/completion zsh > \S+\/_baqup-telemetry/)
    expect(stdout).toContain('completion fish > ~/.config/fish/completions/baqup-telemetry.fish')
  })
})

describe('bash completion', () => {
  let file = ''
  beforeAll(async () => {
    file = await script('bash')
  })

  it('passes bash -n', async () => {
    await expect(run('bash', ['-n', file])).resolves.toBeDefined()
  })

  it.each(cases())('completes %s', async (_, line, check) => {
    check((await bashComplete(file, [line]))[0] as string[])
  })

  it('completes the same when COMP_WORDBREAKS does not split at "="', async () => {
    const [level, format] = await bashComplete(file, ['inspect --log.level=', 'inspect --format=j'], false)
    expect(level).toContain('--log.level=DEBUG')
    expect(format).toEqual(['--format=json'])
  })

  it('reaches every configuration option, and offers the closed set of each', async () => {
    const written = (path: string) => path.replaceAll('<name>', 'web').replaceAll('[]', '[0]')
    // A name is the operator's to type: an option ending in one is reached up to the dot before it.
    const reached = flagList.map((entry) => {
      const named = entry.path.endsWith('.<name>')
      const path = written(named ? entry.path.slice(0, -'.<name>'.length) : entry.path)
      return { path, end: named || entry.kind.startsWith('map<') ? '.' : '=' }
    })
    const valued = flagList.filter((entry) => entry.values || entry.kind === 'bool' || entry.kind === 'section')
    // The closed set of a map's values is offered after an entry: `--accessLog.fields.names.web=`.
    const valuePath = (entry: FlagEntry) => written(entry.kind.startsWith('map<') ? `${entry.path}.<name>` : entry.path)
    const results = await bashComplete(file, [
      ...reached.map(({ path }) => `inspect --${path.slice(0, -1)}`),
      ...valued.map((entry) => `inspect --${valuePath(entry)}=`),
    ])
    reached.forEach(({ path, end }, index) => expect(results[index], path).toContain(`--${path}${end}`))
    valued.forEach((entry, index) => {
      const offered = (results[reached.length + index] as string[]).map((word) => word.split('=')[1])
      expect(offered, entry.path).toEqual(entry.values ?? ['true', 'false'])
    })
  })
})

describe.skipIf(fishMissing)(`fish completion${fishMissing ? ` (${fishMissing})` : ''}`, () => {
  let file = ''
  beforeAll(async () => {
    file = await script('fish')
  })

  it('passes fish -n', async () => {
    await expect(run('fish', ['--no-config', '-n', file])).resolves.toBeDefined()
  })

  it.each(cases())('completes %s', async (_, line, check) => {
    check((await fishComplete(file, [line]))[0] as string[])
  })

  it('is loaded from ~/.config/fish/completions without being sourced', async () => {
    const home = mkdtempSync(join(folder, 'home-'))
    mkdirSync(join(home, 'fish', 'completions'), { recursive: true })
    writeFileSync(join(home, 'fish', 'completions', 'baqup-telemetry.fish'), readFileSync(file))
    // fish loads the completions of a command it finds on PATH: the built binary, installed.
    mkdirSync(join(home, 'bin'))
    symlinkSync(bin, join(home, 'bin', 'baqup-telemetry'))
    const { stdout } = await run('fish', ['-c', 'complete -C "baqup-telemetry inspect --log.le"'], {
      env: {
        ...process.env,
        XDG_CONFIG_HOME: home,
        XDG_DATA_HOME: home,
        PATH: `${join(home, 'bin')}:${process.env.PATH}`,
      },
    })
    expect(stdout.trim()).toBe('--log.level=')
  })
})

describe.skipIf(zshMissing)(`zsh completion${zshMissing ? ` (${zshMissing})` : ''}`, () => {
  let file = ''
  beforeAll(async () => {
    file = await script('zsh')
  })

  it('passes zsh -n', async () => {
    await expect(run('zsh', ['-n', file])).resolves.toBeDefined()
  })

  it.each(cases())('completes %s', async (_, line, check) => {
    check(await zshComplete(file, line))
  })
})
