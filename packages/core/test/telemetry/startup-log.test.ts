import { describe, expect, it } from 'vitest'
import { doNotTrack, effectiveSwitches } from '../../src/telemetry/do-not-track.js'
import { startupLines } from '../../src/telemetry/startup-log.js'

const DOCS = 'https://doc.baqup.io/baqup/contributing/data-collection/'

describe('startupLines', () => {
  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('checkNewVersion=%s, sendAnonymousUsage=%s: one plain line per mechanism', (check, usage) => {
    const [versionLine, usageLine] = startupLines({
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
    expect(startupLines({ checkNewVersion: true, sendAnonymousUsage: false, doNotTrack: false })).toEqual([
      "Version check is enabled: once a day Baqup asks https://update.baqup.io/ whether a newer release exists, which shares the running version and, unavoidably, this host's public IP address. To turn it off, set global.checkNewVersion to false (--global.checkNewVersion=false or BAQUP_GLOBAL_CHECKNEWVERSION=false). Documentation: https://doc.baqup.io/baqup/contributing/data-collection/",
      'Anonymous usage statistics are disabled: Baqup sends no usage data (`baqup-telemetry inspect` shows what it would send). To turn it on, set global.sendAnonymousUsage to true (--global.sendAnonymousUsage=true or BAQUP_GLOBAL_SENDANONYMOUSUSAGE=true). Documentation: https://doc.baqup.io/baqup/contributing/data-collection/',
    ])
  })

  it('says that DO_NOT_TRACK switched both off, whatever the configuration', () => {
    const lines = startupLines({ checkNewVersion: true, sendAnonymousUsage: true, doNotTrack: true })
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
    const [versionLine, usageLine] = startupLines({
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

describe('doNotTrack', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    [' 1 ', true],
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
