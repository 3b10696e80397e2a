import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { example, runCli, STACK_FRAME, sandbox } from './run-cli.js'
import { closedPort, startServer } from './servers.js'

/** A configuration file with a typo on line 3, column 5. */
function misspelledFile(extension: 'yaml' | 'toml'): string {
  const dir = mkdtempSync(join(sandbox().dir, 'config-'))
  const path = join(dir, `baqup.${extension}`)
  const text =
    extension === 'yaml' ? 'entryPoints:\n  web:\n    adress: ":80"\n' : '[entryPoints.web]\n\n    adress = ":80"\n'
  writeFileSync(path, text)
  return path
}

describe('exit code 0: success', () => {
  it.each([
    ['inspect', ['inspect']],
    ['inspect a file', ['inspect', `--configFile=${example('baqup.yaml')}`]],
    ['flags', ['flags']],
    ['schema', ['schema']],
    ['history', ['history']],
    ['send, statistics off', ['send']],
  ])('%s', async (_name, args) => {
    const { code, stderr } = await runCli(args)
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})

describe('exit code 2: usage and configuration errors', () => {
  it.each([
    ['an unknown command', ['inspetc'], /unknown command "inspetc".*did you mean "inspect"/],
    ['an unknown option', ['flags', '--jsno'], /unknown option "--jsno".*did you mean "--json"/],
    ['an unknown option of inspect', ['inspect', '--jsno'], /unknown option "--jsno".*did you mean "--json"/],
    ['a misspelled --dry-run', ['send', '--dry-rnu'], /unknown option "--dry-rnu".*did you mean "--dry-run"/],
    ['a bad --format', ['inspect', '--format=xml'], /--format must be yaml, json or toml \(found "xml"\)/],
    ['an unknown configuration flag', ['inspect', '--entryPoints.web.adress=:80'], /adress.*did you mean "address"/],
    ['a bad flag value', ['inspect', '--global.checkNewVersion=maybe'], /--global\.checkNewVersion.*boolean.*"maybe"/],
    [
      'a missing --configFile',
      ['inspect', '--configFile=/nonexistent/baqup.yaml'],
      /\/nonexistent\/baqup\.yaml.*not found/,
    ],
    ['--configFile without a path', ['inspect', '--configFile'], /--configFile: needs a file path/],
    ['configuration flags where none apply', ['flags', '--entryPoints.web.address=:80'], /takes no configuration/],
    ['a version that is not one', ['check-version', '--current=banana'], /--current.*"banana"/],
  ])('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args)
    expect(stderr).toMatch(message)
    expect(stderr).toMatch(/^baqup-telemetry: /)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(stdout).toBe('')
    expect(code).toBe(2)
  })

  it.each(['yaml', 'toml'] as const)('an unknown key in a %s file names file:line:column and suggests', async (ext) => {
    const path = misspelledFile(ext)
    const { code, stderr } = await runCli(['inspect', `--configFile=${path}`])
    expect(stderr).toContain(`${path}:3:5: entryPoints.web.adress: unknown option — did you mean "address"?`)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(code).toBe(2)
  })
})

describe('exit code 1: the operation failed', () => {
  it('check-version against a closed port', async () => {
    const url = await closedPort()
    const { code, stderr } = await runCli(['check-version', '--current=1.0.0', `--update-url=${url}`])
    expect(stderr).toContain(`version check failed (${url}repos/baqupio/baqup/releases)`)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(code).toBe(1)
  })

  it('send to a collector answering 500', async () => {
    const collector = await startServer({ status: 500, body: '{"error":"boom"}' })
    const args = ['send', '--global.sendAnonymousUsage=true', `--collector-url=${collector.url}`]
    const { code, stderr } = await runCli(args)
    expect(collector.received).toHaveLength(1)
    expect(stderr).toMatch(/usage report failed .*500/)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(code).toBe(1)
  })
})
