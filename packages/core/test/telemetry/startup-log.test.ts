import { describe, expect, it } from 'vitest'
import type { LoadOptions } from '../../src/config/load.js'
import { doNotTrack, effectiveSwitches } from '../../src/telemetry/do-not-track.js'
import { startupLines } from '../../src/telemetry/startup-log.js'
import { load, tempDir, writeIn } from '../config/helpers.js'

const DOCS = 'https://doc.baqup.io/baqup/contributing/data-collection/'

/** An entry read as one sentence after another: its lines joined with single spaces. */
const unwrapped = (options: Parameters<typeof startupLines>[0]) =>
  startupLines(options).map((entry) => entry.replace(/\n +/g, ' ')) as [string, string]

describe('startupLines', () => {
  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('checkNewVersion=%s, sendAnonymousUsage=%s: one plain line per mechanism', (check, usage) => {
    const [versionLine, usageLine] = unwrapped({
      checkNewVersion: check,
      sendAnonymousUsage: usage,
      doNotTrack: false,
    })
    expect(versionLine).toMatch(check ? /^Version check is enabled: / : /^Version check is disabled: /)
    expect(usageLine).toMatch(
      usage ? /^Anonymous usage statistics are enabled: / : /^Anonymous usage statistics are disabled: /,
    )
    // What it shares, only when it shares something.
    expect(versionLine.includes("the running version and, unavoidably, this host's public IP address")).toBe(check)
    expect(usageLine.includes('its version, a keyed hash of the static configuration and an anonymized copy')).toBe(
      usage,
    )
    // How to change it: the option, its flag and its environment variable, towards the other state.
    const flip = (on: boolean) => String(!on)
    expect(versionLine).toContain(
      `set global.checkNewVersion to ${flip(check)} (--global.checkNewVersion=${flip(check)} or BAQUP_GLOBAL_CHECKNEWVERSION=${flip(check)})`,
    )
    expect(usageLine).toContain(
      `set global.sendAnonymousUsage to ${flip(usage)} (--global.sendAnonymousUsage=${flip(usage)} or BAQUP_GLOBAL_SENDANONYMOUSUSAGE=${flip(usage)})`,
    )
    for (const line of [versionLine, usageLine]) {
      expect(line).toContain(`Documentation: ${DOCS}`)
      expect(line).not.toContain('DO_NOT_TRACK')
    }
  })

  it('reads, in full, as written for the default case', () => {
    expect(unwrapped({ checkNewVersion: true, sendAnonymousUsage: false, doNotTrack: false })).toEqual([
      "Version check is enabled: once a day Baqup asks https://update.baqup.io/ whether a newer release exists, which shares the running version and, unavoidably, this host's public IP address. To turn it off, set global.checkNewVersion to false (--global.checkNewVersion=false or BAQUP_GLOBAL_CHECKNEWVERSION=false). Documentation: https://doc.baqup.io/baqup/contributing/data-collection/",
      'Anonymous usage statistics are disabled: Baqup sends no usage data (`baqup-telemetry inspect` shows what it would send). To turn it on, set global.sendAnonymousUsage to true (--global.sendAnonymousUsage=true or BAQUP_GLOBAL_SENDANONYMOUSUSAGE=true). Documentation: https://doc.baqup.io/baqup/contributing/data-collection/',
    ])
  })

  it('says that DO_NOT_TRACK switched both off, whatever the configuration', () => {
    const lines = unwrapped({ checkNewVersion: true, sendAnonymousUsage: true, doNotTrack: true })
    expect(lines[0]).toMatch(/^Version check is disabled by DO_NOT_TRACK: /)
    expect(lines[1]).toMatch(/^Anonymous usage statistics are disabled by DO_NOT_TRACK: /)
    for (const line of lines) {
      expect(line).toContain('switches off both the version check and anonymous usage statistics')
      expect(line).toContain('nothing is sent')
      expect(line).toContain(`Documentation: ${DOCS}`)
      expect(line).not.toMatch(/is enabled/)
    }
    expect(lines[0]).toContain('(configured: global.checkNewVersion=true)')
  })

  it('names the endpoints it is given and another product', () => {
    const [versionLine, usageLine] = unwrapped({
      checkNewVersion: true,
      sendAnonymousUsage: true,
      doNotTrack: false,
      updateURL: 'http://127.0.0.1:9/?token=secret',
      collectorURL: 'https://collect.example/',
      docsURL: 'https://docs.example/telemetry',
      product: { name: 'Tool', envPrefix: 'TOOL_' },
    })
    expect(versionLine).toContain('once a day Tool asks http://127.0.0.1:9/?… whether')
    expect(versionLine).not.toContain('secret')
    expect(versionLine).toContain('TOOL_GLOBAL_CHECKNEWVERSION=false')
    expect(usageLine).toContain('to https://collect.example/ (')
    expect(usageLine).toContain('Documentation: https://docs.example/telemetry')
  })
})

describe('startupLines: lines of at most 100 characters', () => {
  const longPath = `/srv/${'configuration-of-the-reverse-proxy/'.repeat(2)}baqup.yaml`
  const origins = (decidedBy: string, kind: 'file' | 'flags' | 'env' | 'defaults' = 'file') => ({
    source: { kind, ...(kind === 'file' ? { path: longPath } : {}) },
    switches: Object.fromEntries(
      ['global.checkNewVersion', 'global.sendAnonymousUsage'].map((path) => [path, { value: false, decidedBy }]),
    ),
  })
  it.each([
    ['enabled', { checkNewVersion: true, sendAnonymousUsage: true, doNotTrack: false }],
    ['disabled', { checkNewVersion: false, sendAnonymousUsage: false, doNotTrack: false }],
    ['DO_NOT_TRACK', { checkNewVersion: true, sendAnonymousUsage: true, doNotTrack: true }],
    [
      'refused',
      {
        checkNewVersion: true,
        sendAnonymousUsage: true,
        doNotTrack: false,
        refused: { checkNewVersion: 'x '.repeat(80) },
      },
    ],
    [
      'decided by a file',
      { checkNewVersion: false, sendAnonymousUsage: true, doNotTrack: false, origins: origins(`file ${longPath}`) },
    ],
    [
      'decided by env',
      {
        checkNewVersion: false,
        sendAnonymousUsage: false,
        doNotTrack: false,
        origins: origins('env BAQUP_GLOBAL_CHECKNEWVERSION=false', 'env'),
      },
    ],
    [
      'decided by a flag',
      {
        checkNewVersion: false,
        sendAnonymousUsage: false,
        doNotTrack: false,
        origins: origins('flag --global.checkNewVersion=false', 'flags'),
      },
    ],
  ] as const)('%s', (_name, options) => {
    for (const entry of startupLines(options as Parameters<typeof startupLines>[0])) {
      const lines = entry.split('\n')
      expect(lines.filter((line) => line.length > 100)).toEqual([])
      expect(lines[0]).toMatch(/^(Version check is|Anonymous usage statistics are) (enabled|disabled)/)
      // After the first line, every line is indented: one entry, read as one block.
      expect(lines.slice(1).filter((line) => !line.startsWith('  '))).toEqual([])
      expect(entry).toContain('Documentation: https://doc.baqup.io/')
    }
  })

  it('never cuts a path or URL, even one longer than a line', () => {
    const docsURL = `https://docs.example/${'very-long-segment/'.repeat(8)}`
    const [version] = startupLines({ checkNewVersion: true, sendAnonymousUsage: false, doNotTrack: false, docsURL })
    expect(version.split('\n')).toContain(`  ${docsURL}`)
  })
})

describe('doNotTrack', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    [' 1 ', true],
    // White space alone is a value, and any value but an explicit "no" is a wish not to be tracked.
    [' ', true],
    ['\t\n', true],
    [' 0 ', false],
    ['Off', false],
    ['0', false],
    ['false', false],
    ['no', false],
    ['off', false],
    ['', false],
    [undefined, false],
  ])('DO_NOT_TRACK=%j → %s', (value, expected) => {
    expect(doNotTrack({ DO_NOT_TRACK: value })).toBe(expected)
  })

  it('reads only the given environment', () => {
    expect(effectiveSwitches({ checkNewVersion: true, sendAnonymousUsage: true }, { DO_NOT_TRACK: '1' })).toEqual({
      checkNewVersion: false,
      sendAnonymousUsage: false,
      doNotTrack: true,
    })
    expect(effectiveSwitches({ checkNewVersion: true, sendAnonymousUsage: false }, {})).toEqual({
      checkNewVersion: true,
      sendAnonymousUsage: false,
      doNotTrack: false,
    })
  })
})

describe('startupLines with the sources that decided', () => {
  const switches = ['global.checkNewVersion', 'global.sendAnonymousUsage']
  /** The lines Baqup logs for a configuration loaded from these sources. */
  function linesFor(options: Partial<LoadOptions>): [string, string] {
    const loaded = load({ envPrefix: 'BAQUP_', optOutSwitches: switches, ...options })
    const global = loaded.effective.global as { checkNewVersion: boolean; sendAnonymousUsage: boolean }
    return unwrapped({ ...global, doNotTrack: false, origins: loaded })
  }
  const file = (text: string) => writeIn(tempDir(), 'baqup.yaml', text)

  it('names the variable that switched statistics off, though the file switches them on, and how to undo it', () => {
    const path = file('global:\n  sendAnonymousUsage: true\n')
    const [, usage] = linesFor({ argv: [`--configFile=${path}`], env: { BAQUP_GLOBAL_SENDANONYMOUSUSAGE: 'false' } })
    expect(usage).toMatch(
      /^Anonymous usage statistics are disabled \(decided by: env BAQUP_GLOBAL_SENDANONYMOUSUSAGE=false\): /,
    )
    expect(usage).toContain(
      'To turn it on, unset BAQUP_GLOBAL_SENDANONYMOUSUSAGE (a false in any source switches it off).',
    )
  })

  it('with a file, advises the file to switch on, never a flag or a variable that would be ignored', () => {
    const path = file('api: {}\n')
    const [version, usage] = linesFor({ argv: [`--configFile=${path}`] })
    expect(usage).toContain(`To turn it on, set global.sendAnonymousUsage to true in ${path}.`)
    expect(usage).not.toMatch(/--global\.sendAnonymousUsage=true|BAQUP_GLOBAL_SENDANONYMOUSUSAGE=true/)
    // Switching off works from any source: all of them may be named.
    expect(version).toContain(
      `To turn it off, set global.checkNewVersion to false in ${path}, or --global.checkNewVersion=false or ` +
        'BAQUP_GLOBAL_CHECKNEWVERSION=false (a false in any source switches it off).',
    )
  })

  it('with flags, names the flag that switched the version check off, and asks for both changes to switch on', () => {
    const [version, usage] = linesFor({
      argv: ['--global.checkNewVersion=false'],
      env: { BAQUP_GLOBAL_CHECKNEWVERSION: 'no' },
    })
    expect(version).toMatch(/^Version check is disabled \(decided by: flag --global\.checkNewVersion=false\): /)
    expect(version).toContain(
      'To turn it on, set --global.checkNewVersion=true, and unset BAQUP_GLOBAL_CHECKNEWVERSION (a false in any source switches it off).',
    )
    expect(usage).toContain('To turn it on, set --global.sendAnonymousUsage=true.')
  })

  it('says nothing of a source when the default decided, as before', () => {
    const [version, usage] = linesFor({})
    expect(version).toMatch(/^Version check is enabled: /)
    expect(usage).toContain(
      'To turn it on, set global.sendAnonymousUsage to true (--global.sendAnonymousUsage=true or BAQUP_GLOBAL_SENDANONYMOUSUSAGE=true).',
    )
  })
})
