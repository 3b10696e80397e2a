import { describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME } from './run-cli.js'

const COMMANDS = ['inspect', 'flags', 'schema', 'check-version', 'send', 'run', 'history']

/** The options each command documents (beyond --help), as the contract names them. */
const OPTIONS: Record<string, string[]> = {
  inspect: ['--json', '--format', '--explain', '--configFile'],
  flags: ['--json', '--markdown'],
  schema: [],
  'check-version': ['--current', '--update-url'],
  send: ['--dry-run', '--collector-url', '--configFile'],
  run: ['--configFile'],
  history: ['--json'],
}

/** The purpose each command states in the overview, e.g. `  inspect        Show exactly what…`. */
function purposes(overview: string): Map<string, string> {
  const rows = overview.split('\n').map((line) => /^ {2}([a-z-]+) {2,}(\S.*)$/.exec(line))
  return new Map(rows.filter((row) => row !== null).map((row) => [row[1] as string, (row[2] as string).trim()]))
}

describe('baqup-telemetry --help', () => {
  it('lists the seven commands, each with its purpose', async () => {
    const { code, stdout, stderr } = await runCli(['--help'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const listed = purposes(stdout)
    expect([...listed.keys()].filter((name) => COMMANDS.includes(name))).toEqual(COMMANDS)
    for (const name of COMMANDS) expect(listed.get(name)?.length).toBeGreaterThan(20)
  })

  it('without a command prints the overview and exits 2', async () => {
    const { code, stdout } = await runCli([])
    expect(code).toBe(2)
    expect(stdout).toContain('check-version')
  })

  it('--version prints the version', async () => {
    const { code, stdout } = await runCli(['--version'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/\b\d+\.\d+\.\d+\b/)
  })
})

describe.each(COMMANDS)('baqup-telemetry %s --help', (command) => {
  it('states its purpose, its options and two examples', async () => {
    const overview = purposes((await runCli(['--help'])).stdout)
    const { code, stdout, stderr } = await runCli([command, '--help'])
    expect(code).toBe(0)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(stdout).toContain(`$ baqup-telemetry ${command}`)
    expect(stdout, 'the one-line purpose').toContain(overview.get(command))
    for (const option of OPTIONS[command] ?? []) expect(stdout).toContain(option)
    const examples = stdout.split(/^Examples:$/m)[1] ?? ''
    const lines = examples.split('\n').filter((line) => line.trim() !== '')
    expect(lines).toHaveLength(2)
    expect(lines.filter((line) => line.includes('baqup-telemetry')).length).toBeGreaterThanOrEqual(1)
  })
})
