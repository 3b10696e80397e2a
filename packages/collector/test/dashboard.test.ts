import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import semver from 'semver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { releasesOf } from '../src/dashboard/client/releases.js'
import type { OptionStats, Summary } from '../src/stats/schemas.js'
import { openStore } from '../src/store/open.js'
import type { StoredReport } from '../src/store/store.js'
import { type Running, runBin, serve } from './support/collector.js'
import { anonymized, asStored } from './support/reports.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]
const SHOTS = fileURLToPath(new URL('../../../test-results/dashboard/', import.meta.url))
const MIN = 10
/** A few installations under the threshold, with a version and a section no one else has. */
const RARE = { version: '0.0.1-rare', section: 'tracing.otlp', size: MIN - 3 }

function rareReports(): StoredReport[] {
  // Yesterday: the last finished day, the last one published.
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  const config = anonymized({ providers: { file: {} }, tracing: { otlp: {} } })
  return Array.from({ length: RARE.size }, (_, index) => ({
    id: `rare-${index}`,
    day,
    received: `${day}T00:00:00.000Z`,
    hash: createHash('sha256').update(`rare-${index}`).digest('hex'),
    version: RARE.version,
    network: `203.0.${index}.0/24`,
    ip: '',
    country: '',
    asn: 0,
    configuration: asStored(config),
  }))
}

/** The text of a table's rows, keyed by `data-key`, with the numbers of their `data-value` cells. */
const tableRows = (page: Page, section: string) =>
  page.$$eval(`${section} tbody tr[data-key]`, (rows) =>
    rows.map((row) => [
      (row as HTMLElement).dataset.key,
      ...[...row.querySelectorAll<HTMLElement>('td[data-value]')].map((cell) => Number(cell.dataset.value)),
    ]),
  )

/** True when `name` stands alone in `text`, not as part of a longer path or version. */
const mentions = (text: string, name: string) =>
  new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w.-]|$)`).test(text)

const chromiumMissing = existsSync(CHROMIUM) ? '' : ` (skipped: needs ${CHROMIUM}, apt-get install chromium)`

describe.skipIf(chromiumMissing !== '')(`dashboard in Chromium${chromiumMissing}`, () => {
  let folder: string
  let collector: Running
  let browser: Browser
  let summary: Summary

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'baqup-dashboard-'))
    const store = join(folder, 'store.duckdb')
    const seeded = await runBin(['seed', `--store=${store}`, '--reports=10000', '--days=90', '--seed=7'])
    expect(seeded.code, seeded.stderr).toBe(0)
    const opened = await openStore(store)
    await opened.write({ reports: rareReports(), versionChecks: [], refusals: [] })
    await opened.close()
    collector = await serve([`--store=${store}`, `--min-count=${MIN}`])
    summary = (await (await fetch(`${collector.url}/api/v1/summary?days=90`)).json()) as Summary
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
    mkdirSync(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await collector?.stop()
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  async function open(
    width = 1280,
    height = 900,
    { days = 90, url = collector.url, colorScheme = 'light' as 'light' | 'dark' } = {},
  ): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme })
    await page.goto(`${url}/?days=${days}`)
    await page.waitForSelector('body[data-ready="true"]')
    return page
  }

  /** A chart's legend as uPlot shows it: label → [value, marker colour]. */
  const legend = (page: Page, section: string) =>
    page.$$eval(`${section} .u-legend tr`, (rows) =>
      rows.map((row) => [
        row.querySelector('.u-label')?.textContent ?? '',
        row.querySelector('.u-value')?.textContent ?? '',
        getComputedStyle(row.querySelector('.u-marker') ?? row).borderColor,
      ]),
    )

  it('draws every chart and shows the API numbers', async () => {
    const page = await open()
    for (const id of ['installations', 'versions']) {
      const drawn = await page.$eval(`#${id} canvas`, (canvas) => {
        const pixels = (canvas as HTMLCanvasElement).getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height)
        return pixels ? pixels.data.some((value, index) => index % 4 === 3 && value > 0) : false
      })
      expect(drawn, id).toBe(true)
    }
    for (const id of ['countries', 'providers', 'options', 'entry-points', 'resolvers', 'challenges'])
      expect(await page.locator(`#${id} svg rect`).count(), id).toBeGreaterThan(0)

    expect(await page.textContent('[data-stat="installations"]')).toBe(String(summary.installations))
    expect(await page.textContent('[data-stat="min-count"]')).toContain(String(MIN))
    expect(await page.textContent('[data-stat="range"]')).toContain(`${summary.from} to ${summary.to}`)
    expect(await tableRows(page, '#installations')).toEqual(
      summary.installationsByDay.map((row) => [row.day, row.installations]),
    )
    // Newest first, by version.
    expect(await tableRows(page, '#versions')).toEqual(
      [...summary.versions]
        .sort((a, b) => semver.rcompare(a.version, b.version))
        .map((row) => [row.version, row.installations]),
    )
    expect(await tableRows(page, '#providers')).toEqual(summary.providers.map((row) => [row.name, row.installations]))
    // Each country by its name, as the browser's own region names give it, and its code.
    const region = new Intl.DisplayNames(['en'], { type: 'region' })
    expect(summary.countries.length).toBeGreaterThan(1)
    expect(await tableRows(page, '#countries')).toEqual(
      summary.countries.map((row) => [
        row.country === 'unknown' ? 'Unknown' : `${region.of(row.country)} (${row.country})`,
        row.installations,
      ]),
    )
    expect(await tableRows(page, '#options')).toEqual(
      summary.options.slice(0, 20).map((row) => [row.path, row.installations]),
    )
    expect(await tableRows(page, '#entry-points')).toEqual(
      summary.entryPoints.map((row) => [row.bucket, row.installations]),
    )
    expect(await tableRows(page, '#resolvers')).toEqual(
      summary.certificateResolvers.map((row) => [row.bucket, row.installations]),
    )
    expect(await tableRows(page, '#challenges')).toEqual(summary.challenges.map((row) => [row.type, row.installations]))
    expect(summary.versions.length).toBeGreaterThan(1)

    // The legends show the last day before any pointer comes near; a version as its own count.
    const last = summary.installationsByDay.at(-1)
    expect(await legend(page, '#installations')).toEqual([
      ['Day', summary.to, expect.any(String)],
      ['Installations', String(last?.day === summary.to ? last.installations : 'not published'), expect.any(String)],
    ])
    const versionLegend = await legend(page, '#versions')
    const lastDay = new Map(
      summary.versionsByDay.filter((row) => row.day === summary.to).map((row) => [row.version, row.installations]),
    )
    for (const [label, value] of versionLegend.slice(1))
      if (lastDay.has(label as string)) expect(value, label).toBe(String(lastDay.get(label as string)))
    expect(versionLegend.map(([label]) => label)).toContain('Under the threshold')

    // What the threshold left out, in words.
    const folded = (await page.textContent('#folded')) ?? ''
    expect(folded).not.toMatch(/versionsByDay|installationsByDay|[a-z][A-Z]/)
    if (summary.other.versionsByDay.buckets > 1)
      expect(folded).toContain(`${summary.other.versionsByDay.buckets} daily version counts`)
    expect(await page.isHidden('#hint')).toBe(true)
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true })
    await page.close()
  })

  it('finds an option with completion and shows its distribution', async () => {
    const page = await open()
    const suggested = await page.$$eval('#option-paths option', (options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    )
    expect(suggested.filter((path) => path.startsWith('log.le'))).toEqual(['log.level'])
    await page.locator('#option-path').pressSequentially('log.le')
    await page.locator('#option-path').fill('log.level')
    await page.waitForSelector('#option-result[data-loaded="log.level"]')
    const stats = (await (await fetch(`${collector.url}/api/v1/options/log.level?days=90`)).json()) as OptionStats
    expect(stats.values.length).toBeGreaterThan(1)
    expect(await tableRows(page, '#option-result .table.values')).toEqual(
      stats.values.map((row) => [row.value, row.installations]),
    )
    expect(await page.locator('#option-result .chart.values svg rect').count()).toBe(stats.values.length)
    // The help text, then the releases the option exists in (`log.level`: all of them).
    expect(await page.textContent('[data-stat="option-help"]')).toBe(`${stats.help} ${releasesOf(stats)}`)
    await page.locator('#option-result').screenshot({ path: join(SHOTS, 'explorer.png') })
    await page.close()
  })

  it('shows no bucket under the threshold', async () => {
    const low = join(folder, 'low.duckdb')
    cpSync(join(folder, 'store.duckdb'), low)
    const unfiltered = await serve([`--store=${low}`, '--min-count=1', '--min-networks=1'])
    const all = (await (await fetch(`${unfiltered.url}/api/v1/summary?days=90`)).json()) as Summary
    await unfiltered.stop()
    // Without the threshold the rare names are published, so their absence below means something.
    expect(all.versions.map((row) => row.version)).toContain(RARE.version)
    expect(all.providers.map((row) => row.name)).toContain(RARE.section)
    expect(summary.other.versions.buckets).toBeGreaterThan(0)

    const page = await open()
    const text = await page.evaluate(() => document.body.innerText)
    const keys = await page.$$eval('[data-key]', (rows) => rows.map((row) => (row as HTMLElement).dataset.key))
    for (const name of [RARE.version, RARE.section]) {
      expect(mentions(text, name), name).toBe(false)
      expect(keys).not.toContain(name)
    }
    await page.close()
  })

  it('fits a phone without horizontal scrolling', async () => {
    const page = await open(375, 667)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    // Labels wrap after dots or are cut with their whole text in a title, never inside a word.
    const labels = await page.$$eval('.label', (nodes) =>
      nodes.map((node) => [node.getAttribute('title'), node.textContent, getComputedStyle(node).overflowWrap]),
    )
    expect(labels.length).toBeGreaterThan(20)
    for (const [title, text, wrap] of labels) {
      expect(title).toBe(text)
      expect(wrap).toBe('normal')
    }
    const headers = await page.$$eval('th', (cells) =>
      cells.map((cell) => [cell.textContent, cell.getBoundingClientRect().height, getComputedStyle(cell).lineHeight]),
    )
    for (const [text, height, line] of headers)
      expect(height, text as string).toBeLessThan(2 * Number.parseFloat(line as string))
    await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true })
    for (const id of ['versions', 'options'])
      await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `phone-${id}.png`) })
    await page.close()
  })

  it('gives each version one colour in every window', async () => {
    const colours = async (days: number) => {
      const page = await open(1280, 900, { days })
      const found = new Map((await legend(page, '#versions')).slice(1).map(([label, , colour]) => [label, colour]))
      await page.close()
      return found
    }
    const [month, quarter] = [await colours(30), await colours(90)]
    const shared = [...month.keys()].filter((label) => quarter.has(label) && label !== 'Under the threshold')
    expect(shared.length).toBeGreaterThan(1)
    for (const label of shared) expect(month.get(label), label).toBe(quarter.get(label))
    expect(new Set(shared.map((label) => month.get(label))).size).toBe(shared.length)
  })

  it('draws the days not published as such, with a key, never as zero', async () => {
    // The seeded 90 days in a 365-day window: the 275 days before have no reports.
    const page = await open(1280, 900, { days: 365 })
    const key = await page.textContent('#installations .unpublished-key')
    expect(key).toMatch(/Not published: \d+ days under the threshold/)
    expect(Number(/(\d+) days/.exec(key ?? '')?.[1])).toBeGreaterThanOrEqual(275)
    expect(await page.textContent('#versions .unpublished-key')).toBe(key)
    await page.screenshot({ path: join(SHOTS, 'window-365.png'), fullPage: true })
    await page.close()
  })

  it('is readable in dark mode', async () => {
    const page = await open(1280, 900, { colorScheme: 'dark' })
    const [background, text] = await page.evaluate(() => [
      getComputedStyle(document.body).backgroundColor,
      getComputedStyle(document.body).color,
    ])
    expect(background).toBe('rgb(17, 21, 26)')
    expect(text).toBe('rgb(232, 235, 239)')
    await page.screenshot({ path: join(SHOTS, 'dark.png'), fullPage: true })
    await page.close()
  })

  it('says why a small store shows little: the threshold, yesterday, and --min-count=1 --min-networks=1', async () => {
    const small = join(folder, 'small.duckdb')
    const opened = await openStore(small)
    await opened.write({ reports: rareReports(), versionChecks: [], refusals: [] })
    await opened.close()
    const few = await serve([`--store=${small}`])
    try {
      const page = await open(1280, 900, { days: 7, url: few.url })
      expect(await page.textContent('[data-stat="installations"]')).toBe('fewer than 10')
      const hint = (await page.textContent('#hint')) ?? ''
      expect(await page.isVisible('#hint')).toBe(true)
      expect(hint).toContain('10 installations from 3 networks')
      expect(hint).toContain('appear tomorrow')
      expect(hint).toContain('--min-count=1 --min-networks=1')
      expect(await page.textContent('#providers td.empty')).toContain('10 installations from 3 networks')
      await page.screenshot({ path: join(SHOTS, 'small-store.png'), fullPage: true })
      await page.close()
    } finally {
      await few.stop()
    }
  })

  it('maps concrete names to <name>, and offers the nearest paths for an unknown one', async () => {
    const page = await open()
    const input = page.locator('#option-path')
    await input.fill('entryPoints.web.address')
    await input.press('Enter')
    await page.waitForSelector('#option-result[data-loaded="entryPoints.<name>.address"]')
    expect(await page.textContent('[data-stat="option-path"]')).toBe('entryPoints.<name>.address')
    await page.locator('#option-result').screenshot({ path: join(SHOTS, 'explorer-name.png') })

    await input.fill('log.levle')
    await input.press('Enter')
    await page.waitForSelector('#option-message:not([hidden])')
    expect(await page.isHidden('#option-result')).toBe(true)
    expect(await page.textContent('#option-message')).toContain('No option log.levle')
    const offered = await page.$$eval('#option-message [data-path]', (nodes) =>
      nodes.map((node) => (node as HTMLElement).dataset.path),
    )
    expect(offered).toContain('log.level')
    await page.locator('#explorer').screenshot({ path: join(SHOTS, 'explorer-unknown.png') })
    await page.locator('#option-message [data-path="log.level"]').click()
    await page.waitForSelector('#option-result[data-loaded="log.level"]')
    expect(await page.isHidden('#option-message')).toBe(true)
    await page.close()

    const answer = await fetch(`${collector.url}/api/v1/options/log.levle?days=90`)
    expect(answer.status).toBe(404)
    const body = (await answer.json()) as { error: { code: string; message: string; suggestions: string[] } }
    expect(body.error.code).toBe('unknown-option')
    expect(body.error.suggestions).toContain('log.level')
    expect(body.error.message).toContain('nearest: log.level')
    const named = await fetch(`${collector.url}/api/v1/options/entryPoints.web.address?days=90`)
    expect(named.status).toBe(200)
    expect(((await named.json()) as OptionStats).path).toBe('entryPoints.<name>.address')
  })

  it('answers /favicon.ico with 204, so no page view logs a 404', async () => {
    const answer = await fetch(`${collector.url}/favicon.ico`)
    expect(answer.status).toBe(204)
  })
})
