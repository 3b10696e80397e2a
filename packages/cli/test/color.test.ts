import { describe, expect, it } from 'vitest'
import { ANSI, example, runCli } from './run-cli.js'

const COLOURED_COMMANDS = [
  ['inspect', `--configFile=${example('baqup.yaml')}`],
  ['inspect', '--explain', `--configFile=${example('baqup.yaml')}`],
  ['inspect', '--global.checkNewVersion=maybe'],
  ['flags'],
]

describe('colour', () => {
  it.each(COLOURED_COMMANDS)('none in a pipe: %s %s', async (...args) => {
    const { stdout, stderr } = await runCli(args)
    expect(stdout).not.toMatch(ANSI)
    expect(stderr).not.toMatch(ANSI)
  })

  it.each(COLOURED_COMMANDS)('none under NO_COLOR=1, even with FORCE_COLOR: %s %s', async (...args) => {
    const { stdout, stderr } = await runCli(args, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })
    expect(stdout).not.toMatch(ANSI)
    expect(stderr).not.toMatch(ANSI)
  })

  it.each(COLOURED_COMMANDS)('none with --no-color, even with FORCE_COLOR: %s %s', async (...args) => {
    const { stdout, stderr } = await runCli([...args, '--no-color'], { env: { FORCE_COLOR: '1' } })
    expect(stdout).not.toMatch(ANSI)
    expect(stderr).not.toMatch(ANSI)
  })

  it('--color colours the human report even in a pipe', async () => {
    const { code, stdout } = await runCli(['inspect', '--color'])
    expect(code).toBe(0)
    expect(stdout).toMatch(ANSI)
  })

  it('FORCE_COLOR=1 colours the human report', async () => {
    const { stdout } = await runCli(['inspect', `--configFile=${example('baqup.yaml')}`], { env: { FORCE_COLOR: '1' } })
    expect(stdout).toMatch(ANSI)
  })

  it('--json stays plain JSON with FORCE_COLOR=1', async () => {
    const { stdout } = await runCli(['inspect', '--json'], { env: { FORCE_COLOR: '1' } })
    expect(stdout).not.toMatch(ANSI)
    expect(() => JSON.parse(stdout)).not.toThrow()
  })
})
