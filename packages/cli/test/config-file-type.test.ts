import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME, sandbox } from './run-cli.js'

describe('a configuration file that is not a regular file', () => {
  // Reading a FIFO without a writer would wait forever: the process must end on its own, at once.
  it.each([
    ['inspect', '--json'],
    ['send', '--dry-run'],
  ])(
    '%s refuses a named pipe as --configFile with exit 2 instead of waiting for a writer',
    async (...command) => {
      const home = sandbox()
      const fifo = join(home.dir, 'baqup.yaml')
      execFileSync('mkfifo', [fifo])
      const result = await runCli([...command, `--configFile=${fifo}`], { home, timeoutMs: 20_000 })
      expect(result.code).toBe(2)
      // Under --json the error is JSON on stdout.
      const said = command.includes('--json') ? JSON.parse(result.stdout).error.message : result.stderr
      expect(said).toContain(`${fifo}: not a regular file: a named pipe (FIFO)`)
      expect(result.stderr).not.toMatch(STACK_FRAME)
    },
    30_000,
  )

  it('refuses a named pipe found at a searched path (./baqup.yaml) with exit 2', async () => {
    const home = sandbox()
    execFileSync('mkfifo', [join(home.dir, 'baqup.yaml')])
    const result = await runCli(['inspect', '--json'], { home, timeoutMs: 20_000 })
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'file-error', source: join(home.dir, 'baqup.yaml') })
    expect(result.stderr).toBe('')
  }, 30_000)
})
