import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, sandbox } from './run-cli.js'

/** The CLI reads with Baqup's table of removed and v1 options: their messages say what to do. */
describe('configurations from older versions', () => {
  it.each([
    ['an option removed in v3', 'tracing:\n  jaeger: {}\n', /tracing\.jaeger: removed in v3/],
    ['a v1 file', 'defaultEntryPoints: ["http"]\nlogLevel: INFO\n', /this is a v1 configuration/],
  ])('%s is refused with exit 2 and a message that says so', async (_, text, message) => {
    const home = sandbox()
    const file = join(home.dir, 'baqup.yaml')
    writeFileSync(file, text)
    const { code, stdout, stderr } = await runCli(['inspect', `--configFile=${file}`], { home })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
  })
})
