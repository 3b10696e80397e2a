import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { example, repoRoot, runCli, sandbox } from './run-cli.js'

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')

/**
 * What differs from one machine to the next, written in the README as a user would read it:
 * the clone at /home/you/baqup-telemetry, the state file at its default place, and any hash
 * (random per installation key), which the README shows as a real one.
 */
const CLONE = '/home/you/baqup-telemetry/'
const STATE_FILE = '/home/you/.local/state/baqup/telemetry.json'
const HASH = /\b[0-9a-f]{64}\b/g
const sameHash = (text: string) => text.replace(HASH, '<64 hexadecimal digits>')

interface ConsoleSample {
  command: string
  output: string
}

/** Every ```console block of the README: `$ baqup-telemetry …` on its first line, then what it prints. */
function consoleSamples(markdown: string): ConsoleSample[] {
  const blocks = markdown.matchAll(/^```console\n\$ (.*)\n([\s\S]*?)^```$/gm)
  return [...blocks].map(([, command = '', output = '']) => ({ command, output }))
}

/** The bullet starting with "- `--json` prints one JSON object:", up to the next bullet or blank line. */
function jsonKeysBullet(markdown: string): string {
  const bullet = /^- `--json` prints one JSON object:[\s\S]*?(?=\n- |\n\n)/m.exec(markdown)
  if (!bullet) throw new Error('README.md: no bullet "- `--json` prints one JSON object:"')
  return bullet[0]
}

/**
 * The top-level keys a bullet names, by the option that adds them. Rule: text in parentheses
 * describes a key's contents and is skipped; in each sentence, backticked names are keys, and a
 * backticked `--option` other than `--json` means those keys appear only with that option.
 */
function documentedKeys(bullet: string): Map<string, string[]> {
  const byOption = new Map<string, string[]>()
  for (const sentence of bullet.replace(/\([^()]*\)/g, '').split(/\.\s+/)) {
    const names = [...sentence.matchAll(/`([^`]+)`/g)].map(([, name = '']) => name)
    const option = names.find((name) => name.startsWith('--') && name !== '--json') ?? '--json'
    const keys = names.filter((name) => !name.startsWith('-'))
    if (keys.length > 0) byOption.set(option, [...(byOption.get(option) ?? []), ...keys])
  }
  return byOption
}

describe('README sample output', () => {
  const samples = consoleSamples(readme)

  it('shows the inspect report of the example', () => {
    expect(samples.map((sample) => sample.command)).toContain(
      'baqup-telemetry inspect --configFile=examples/baqup.yaml',
    )
  })

  for (const { command, output } of samples) {
    it(`is what "$ ${command}" prints, line for line`, async () => {
      const [program, ...args] = command.split(' ')
      expect(program).toBe('baqup-telemetry')
      const home = sandbox()
      const result = await runCli(args, { cwd: repoRoot, home, env: { NO_COLOR: '1' } })
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const printed = result.stdout.replaceAll(home.statePath, STATE_FILE).replaceAll(repoRoot, CLONE)
      expect(sameHash(printed).split('\n')).toEqual(sameHash(output).split('\n'))
    })
  }
})

describe('README list of inspect --json keys', () => {
  const documented = documentedKeys(jsonKeysBullet(readme))

  it('names the keys of --json, and those added by --include-config and --explain', () => {
    expect([...documented.keys()].sort()).toEqual(['--explain', '--include-config', '--json'])
  })

  it.each(['--json', '--include-config', '--explain'])('matches the keys printed with %s', async (option) => {
    const extra = option === '--json' ? [] : [option]
    const { code, stdout, stderr } = await runCli([
      'inspect',
      '--json',
      ...extra,
      `--configFile=${example('baqup.yaml')}`,
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const expected = [...(documented.get('--json') ?? []), ...(extra.length > 0 ? (documented.get(option) ?? []) : [])]
    expect(Object.keys(JSON.parse(stdout)).sort()).toEqual(expected.sort())
  })
})
