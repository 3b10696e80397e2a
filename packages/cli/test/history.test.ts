import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, sandbox } from './run-cli.js'

const SHA = 'a'.repeat(64)
const URL = 'https://collect.example/'

/** A day's report tried three times (503, a dropped connection, 200), after an entry written before retries. */
const trail = [
  { at: '2026-01-01T00:10:00.000Z', url: URL, status: 200, bodySha256: SHA },
  { at: '2026-01-02T00:10:00.000Z', try: 1, url: URL, status: 503, outcome: 'answered', bodySha256: SHA },
  { at: '2026-01-02T00:11:00.000Z', try: 2, url: URL, outcome: 'connection-lost', bodySha256: SHA },
  { at: '2026-01-02T00:19:00.000Z', try: 3, url: URL, status: 200, outcome: 'answered', bodySha256: SHA },
]

function withTrail() {
  const home = sandbox()
  mkdirSync(dirname(home.statePath), { recursive: true })
  writeFileSync(home.statePath, JSON.stringify({ installationKey: 'b'.repeat(64), reports: trail }), { mode: 0o600 })
  return home
}

describe('history: the tries of a retried report', () => {
  it('lists each try with its number, status and outcome', async () => {
    const { code, stdout } = await runCli(['history'], { home: withTrail() })
    expect(code).toBe(0)
    expect(stdout.replaceAll(SHA, '<sha>')).toBe(
      [
        'SENT AT                   TRY  STATUS  OUTCOME          URL                       BODY SHA-256',
        '2026-01-01T00:10:00.000Z  1    200     answered         https://collect.example/  <sha>',
        '2026-01-02T00:10:00.000Z  1    503     answered         https://collect.example/  <sha>',
        '2026-01-02T00:11:00.000Z  2    -       connection-lost  https://collect.example/  <sha>',
        '2026-01-02T00:19:00.000Z  3    200     answered         https://collect.example/  <sha>',
        '',
        'connection-lost: connection lost before a complete answer',
        '',
      ].join('\n'),
    )
  })

  it('--json gives every entry its try (1 for entries written before retries) and its outcome', async () => {
    const { code, stdout } = await runCli(['history', '--json'], { home: withTrail() })
    expect(code).toBe(0)
    const { reports } = JSON.parse(stdout)
    expect(reports).toEqual([{ ...trail[0], try: 1, outcome: 'answered' }, ...trail.slice(1)])
    expect(Object.keys(reports[2])).toEqual(['at', 'try', 'url', 'outcome', 'bodySha256'])
  })
})
