import { chmodSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { example, runCli, type Sandbox, STACK_FRAME, sandbox } from './run-cli.js'

const OPERATOR_FILE = 'root:x:0:0:root:/root:/bin/bash\n'
const mode = (path: string) => statSync(path).mode & 0o777

/** `inspect --json` with the state file at `statePath`, whatever stands there. */
async function inspectWithState(home: Sandbox, statePath: string) {
  const result = await runCli(['inspect', '--json', `--configFile=${example('baqup.yaml')}`], {
    home,
    env: { BAQUP_TELEMETRY_STATE: statePath },
  })
  expect(result.stderr).not.toMatch(STACK_FRAME)
  expect(result.code).toBe(0)
  // Under --json, warnings are in the report: stderr stays empty.
  expect(result.stderr).toBe('')
  return { ...result, report: JSON.parse(result.stdout) as { hash: string; warnings: string[] } }
}

const warningFor = (statePath: string, what: string) =>
  `telemetry state at ${statePath} is left as it is (${what}): using a key for this process only`

describe('inspect --json when the state path is not a state file', () => {
  it('leaves a symbolic link and its target as they are: mode, content, link', async () => {
    const home = sandbox()
    const target = join(home.dir, 'passwd')
    writeFileSync(target, OPERATOR_FILE)
    chmodSync(target, 0o644)
    const statePath = join(home.dir, 'state', 'telemetry.json')
    symlinkSync(target, statePath)
    const { report } = await inspectWithState(home, statePath)
    expect(mode(target)).toBe(0o644)
    expect(readFileSync(target, 'utf8')).toBe(OPERATOR_FILE)
    expect(readlinkSync(statePath)).toBe(target)
    expect(readdirSync(join(home.dir, 'state'))).toEqual(['telemetry.json'])
    expect(report.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(report.warnings).toEqual([expect.stringContaining(warningFor(statePath, 'a symbolic link'))])
  })

  it('answers a dangling symbolic link at once: nothing created, no temporary file', async () => {
    const home = sandbox()
    const target = join(home.dir, 'missing', 'target.json')
    const statePath = join(home.dir, 'state', 'telemetry.json')
    symlinkSync(target, statePath)
    const { report } = await inspectWithState(home, statePath)
    expect(readlinkSync(statePath)).toBe(target)
    expect(readdirSync(join(home.dir, 'state'))).toEqual(['telemetry.json'])
    expect(readdirSync(home.dir).sort()).toEqual(['config', 'state'])
    expect(report.warnings).toEqual([expect.stringContaining(warningFor(statePath, 'a symbolic link'))])
  })

  it('leaves a regular file that is not a state file byte for byte, with a key for this run only', async () => {
    const home = sandbox()
    const statePath = join(home.dir, 'state', 'telemetry.json')
    writeFileSync(statePath, OPERATOR_FILE)
    const first = await inspectWithState(home, statePath)
    const second = await inspectWithState(home, statePath)
    expect(readFileSync(statePath, 'utf8')).toBe(OPERATOR_FILE)
    expect(second.report.hash).not.toBe(first.report.hash)
    expect(first.report.warnings).toEqual([
      expect.stringContaining(warningFor(statePath, 'not a telemetry state file')),
    ])
  })
})
