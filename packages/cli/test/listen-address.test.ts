import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME } from './run-cli.js'

/** An entry point address without its colon, which Baqup refuses at start, in each source. */
const EXPECTED = 'expected a port with its colon, such as ":443" ([host]:port[/tcp|/udp])'

function yamlFile(address: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'listen-address-'))
  const path = join(folder, 'baqup.yaml')
  writeFileSync(path, `entryPoints:\n  web:\n    address: ${address}\n`)
  return path
}

describe('entryPoints.<name>.address', () => {
  it.each([
    ['a YAML number', () => ['inspect', yamlFile('443')], ':3:14: entryPoints.web.address: invalid value'],
    ['a flag', () => ['inspect', '--entryPoints.web.address=8080'], '--entryPoints.web.address: invalid value'],
  ])('refuses a port without its colon given as %s, with the expected form', async (_, args, where) => {
    const { code, stdout, stderr } = await runCli(args())
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(stderr).toContain(where)
    expect(stderr).toContain(EXPECTED)
  })

  it.each([':443', '":443/udp"', '"[::]:8080"', '0.0.0.0:80/tcp', ':http', '""', 'foobar'])(
    'accepts %s',
    async (address) => {
      const { code, stderr } = await runCli(['inspect', '--json', yamlFile(address)])
      expect(stderr).toBe('')
      expect(code).toBe(0)
    },
  )
})
