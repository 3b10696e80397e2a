import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, sandbox } from './run-cli.js'

/** A line may pass the width only when it is one word that cannot be cut (a flag name, a URL). */
const fits = (line: string, width: number) => line.length <= width || !/\s/.test(line.trim())
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Each entry of `flags`: its first line starts with `--`, the lines after it are indented. */
function entries(stdout: string): string[] {
  const found: string[] = []
  for (const line of stdout.split('\n').filter(Boolean)) {
    if (line.startsWith('--')) found.push(line)
    else found[found.length - 1] += ` ${line}`
  }
  return found.map(squeeze)
}

describe('flags fits the terminal', () => {
  it('without a terminal or COLUMNS: one entry per line, help two spaces after the flag, no padding', async () => {
    const { code, stdout } = await runCli(['flags'])
    const count = (JSON.parse((await runCli(['flags', '--json'])).stdout) as unknown[]).length
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(count)
    for (const line of lines) expect(line).toMatch(/^--\S+ {2}\S/)
  })

  it.each([60, 100, 200])('COLUMNS=%i: no line passes the width, and the help is all there', async (width) => {
    const whole = entries((await runCli(['flags'])).stdout)
    const { code, stdout } = await runCli(['flags'], { env: { COLUMNS: String(width) } })
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines.filter((line) => !fits(line, width))).toEqual([])
    expect(lines.filter((line) => line !== line.trimEnd())).toEqual([])
    // Wrapping moved words to other lines, and lost none.
    expect(entries(stdout)).toEqual(whole)
    expect(lines.length).toBeGreaterThan(whole.length)
    // The help column starts at the same place on every line that has one.
    const starts = new Set(lines.filter((line) => line.startsWith(' ')).map((line) => line.search(/\S/)))
    expect(starts.size).toBe(1)
  })
})

/** Where each column of `line` starts: its words are separated by runs of spaces. */
const columnStarts = (line: string) => [...line.matchAll(/\S+/g)].map((match) => match.index)

describe('inspect --explain stays aligned on long paths', () => {
  const longName = 'websecure-for-the-customer-facing-storefront-and-its-api'
  const config = [
    'entryPoints:',
    '  web:',
    '    address: ":80"',
    `  ${longName}:`,
    '    address: ":443"',
    '    http:',
    '      tls:',
    '        certResolver: le',
    '        domains:',
    '          - main: shop.example.com',
    'certificatesResolvers:',
    '  le:',
    '    acme:',
    '      email: admin@example.com',
    '',
  ].join('\n')

  it('puts a path too long for its column on its own line, with decision and reason aligned below', async () => {
    const home = sandbox()
    const file = join(home.dir, 'baqup.yaml')
    writeFileSync(file, config)
    const { code, stdout } = await runCli(['inspect', '--explain', `--configFile=${file}`], { home })
    expect(code).toBe(0)
    const [header = '', ...rows] = stdout.trimEnd().split('\n')
    const decisionAt = header.indexOf('DECISION')
    const reasonAt = header.indexOf('REASON')
    expect(decisionAt).toBeGreaterThan(0)
    const longPath = `entryPoints.${longName}.http.tls.domains[0].main`
    expect(rows).toContain(longPath)
    rows.forEach((row, index) => {
      const starts = columnStarts(row)
      if (starts.length === 1) {
        // A path alone: its decision follows, under DECISION, and nothing else is alone.
        expect(row.length).toBeGreaterThan(decisionAt - 2)
        expect(columnStarts(rows[index + 1] ?? '').slice(0, 2)).toEqual([decisionAt, reasonAt])
      } else if (starts[0] === 0) expect(starts.slice(1, 3)).toEqual([decisionAt, reasonAt])
      else expect(starts.slice(0, 2)).toEqual([decisionAt, reasonAt])
    })
    expect(rows.filter((row) => columnStarts(row).length === 1).length).toBeGreaterThanOrEqual(3)
  })
})

describe('history lines up with its rows', () => {
  const sha = (digit: string) => digit.repeat(64)
  const reports = [
    { at: '2025-03-01T08:00:00.000Z', url: 'https://collect.baqup.io/', status: 200, outcome: 'answered' },
    {
      at: '2025-03-02T08:00:00.000Z',
      url: 'https://collector.internal.example.org:8443/baqup/usage/v1/reports',
      status: 308,
      outcome: 'redirect-refused',
    },
    { at: '2025-03-03T08:00:00.000Z', url: 'http://127.0.0.1:9/', outcome: 'timeout' },
    // Written before outcomes were recorded.
    { at: '2025-03-04T08:00:00.000Z', url: 'https://c.io/', status: 202 },
  ].map((report, index) => ({ ...report, bodySha256: sha(String(index + 1)) }))

  it('gives the header the column starts of every row, whatever the lengths of URL, status and outcome', async () => {
    const home = sandbox()
    mkdirSync(dirname(home.statePath), { recursive: true })
    const state = { installationKey: 'a'.repeat(64), lastReportAt: reports[3]?.at, reports }
    writeFileSync(home.statePath, JSON.stringify(state), { mode: 0o600 })
    const { code, stdout } = await runCli(['history'], { home })
    expect(code).toBe(0)
    const [header = '', ...rest] = stdout.split('\n')
    const rows = rest.slice(0, reports.length)
    const headerStarts = ['SENT AT', 'TRY', 'STATUS', 'OUTCOME', 'URL', 'BODY SHA-256'].map((label) =>
      header.indexOf(label),
    )
    expect(headerStarts[0]).toBe(0)
    for (const row of rows) expect(columnStarts(row)).toEqual(headerStarts)
    expect(rows.map((row) => row.split(/\s+/)[4])).toEqual(reports.map((report) => report.url))
  })
})
