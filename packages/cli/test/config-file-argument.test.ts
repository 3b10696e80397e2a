import { describe, expect, it } from 'vitest'
import { example, repoRoot, runCli, STACK_FRAME } from './run-cli.js'

const YAML = 'examples/baqup.yaml'

/** A command that exits 2, with one line on stderr and nothing on stdout. */
async function usageError(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli(args, { cwd: repoRoot })
  expect(stdout).toBe('')
  expect(stderr).not.toMatch(STACK_FRAME)
  expect(code).toBe(2)
  return stderr
}

describe('a configuration file given as a path alone', () => {
  it('inspect PATH reads the file, as --configFile=PATH does', async () => {
    const alone = await runCli(['inspect', '--json', YAML], { cwd: repoRoot })
    const flagged = await runCli(['inspect', '--json', `--configFile=${YAML}`], { cwd: repoRoot })
    expect(alone.stderr).toBe('')
    expect(alone.code).toBe(0)
    const [read, expected] = [JSON.parse(alone.stdout), JSON.parse(flagged.stdout)]
    expect(read.source).toEqual({ kind: 'file', path: example('baqup.yaml') })
    expect(read.anonymized).toEqual(expected.anonymized)
  })

  it('before or after the command options, beside configuration flags that the file then wins over', async () => {
    const { code, stdout, stderr } = await runCli(
      ['inspect', YAML, '--format', 'json', '--log.level=DEBUG', '--json'],
      { cwd: repoRoot },
    )
    expect(code, stderr).toBe(0)
    const read = JSON.parse(stdout)
    expect(read.source.kind).toBe('file')
    expect(read.warnings.join('\n')).toContain('--log.level')
  })

  it('send takes it too', async () => {
    const { code, stdout, stderr } = await runCli(['send', '--dry-run', '--json', YAML], { cwd: repoRoot })
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout).message).toContain(example('baqup.yaml'))
  })

  it('run takes it too, and refuses a file that is not there as --configFile does', async () => {
    const stderr = await usageError(['run', 'examples/not-there.yaml'])
    expect(stderr).toBe(`baqup-telemetry: ${repoRoot}examples/not-there.yaml: file not found\n`)
  })

  it('two paths are a usage error', async () => {
    expect(await usageError(['inspect', YAML, 'examples/baqup.toml'])).toBe(
      'baqup-telemetry: inspect reads one configuration file, found 2 paths (examples/baqup.yaml, examples/baqup.toml): give one\n',
    )
  })

  it.each([`--configFile=${YAML}`, '--configfile=examples/baqup.toml'])(
    'a path beside %s is a usage error',
    async (flag) => {
      const stderr = await usageError(['send', 'examples/baqup.toml', flag])
      expect(stderr).toMatch(/^baqup-telemetry: send: the path examples\/baqup\.toml and --config[Ff]ile both name/)
    },
  )

  it('--config-file (the own options spelling) is refused with the right one', async () => {
    expect(await usageError(['inspect', `--config-file=${YAML}`])).toBe(
      'baqup-telemetry: unknown option "--config-file" — did you mean "--configFile"? (see --help)\n',
    )
  })
})

describe('--help of the commands that read a configuration', () => {
  it.each(['inspect', 'send', 'run'])(
    '%s --help lists --configFile among its options, with the search path',
    async (command) => {
      const { code, stdout } = await runCli([command, '--help'])
      expect(code).toBe(0)
      const options = stdout.split(/^Options:$/m)[1]?.split(/^Examples:$/m)[0] ?? ''
      const line = options.split('\n').find((text) => text.trimStart().startsWith('--configFile'))
      expect(line).toBeDefined()
      expect(line).toContain('/etc/baqup/baqup, $XDG_CONFIG_HOME/baqup, ~/.config/baqup and ./baqup')
      expect(line).toContain('a path alone')
    },
  )
})

describe('an unknown command', () => {
  it.each([
    ['explain', 'inspect --explain'],
    ['dry-run', 'send --dry-run'],
    ['markdown', 'flags --markdown'],
    ['chek-version', 'check-version'],
    ['baqup.yaml', 'inspect baqup.yaml'],
  ])('%s suggests "%s", exit 2', async (word, suggestion) => {
    expect(await usageError([word])).toBe(
      `baqup-telemetry: unknown command "${word}" — did you mean "${suggestion}"? (see baqup-telemetry --help)\n`,
    )
  })

  it('an option several commands share suggests nothing', async () => {
    expect(await usageError(['json'])).toBe('baqup-telemetry: unknown command "json" (see baqup-telemetry --help)\n')
  })
})
