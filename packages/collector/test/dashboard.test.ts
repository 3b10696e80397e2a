import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

describe.skipIf(!existsSync(CHROMIUM))(
  `dashboard in Chromium (skipped: needs ${CHROMIUM}, apt-get install chromium)`,
  () => {
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

    async function open(width = 1280, height = 900): Promise<Page> {
      const page = await browser.newPage({ viewport: { width, height } })
      await page.goto(`${collector.url}/?days=90`)
      await page.waitForSelector('body[data-ready="true"]')
      return page
    }

    it('draws every chart and shows the API numbers', async () => {
      const page = await open()
      for (const id of ['installations', 'versions']) {
        const drawn = await page.$eval(`#${id} canvas`, (canvas) => {
          const pixels = (canvas as HTMLCanvasElement).getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height)
          return pixels ? pixels.data.some((value, index) => index % 4 === 3 && value > 0) : false
        })
        expect(drawn, id).toBe(true)
      }
      for (const id of ['providers', 'options', 'entry-points', 'resolvers', 'challenges'])
        expect(await page.locator(`#${id} svg rect`).count(), id).toBeGreaterThan(0)

      expect(await page.textContent('[data-stat="installations"]')).toBe(String(summary.installations))
      expect(await page.textContent('[data-stat="min-count"]')).toContain(String(MIN))
      expect(await page.textContent('[data-stat="range"]')).toContain(`${summary.from} to ${summary.to}`)
      expect(await tableRows(page, '#installations')).toEqual(
        summary.installationsByDay.map((row) => [row.day, row.installations]),
      )
      expect(await tableRows(page, '#versions')).toEqual(
        summary.versions.map((row) => [row.version, row.installations]),
      )
      expect(await tableRows(page, '#providers')).toEqual(summary.providers.map((row) => [row.name, row.installations]))
      expect(await tableRows(page, '#options')).toEqual(
        summary.options.slice(0, 20).map((row) => [row.path, row.installations]),
      )
      expect(await tableRows(page, '#entry-points')).toEqual(
        summary.entryPoints.map((row) => [row.bucket, row.installations]),
      )
      expect(await tableRows(page, '#resolvers')).toEqual(
        summary.certificateResolvers.map((row) => [row.bucket, row.installations]),
      )
      expect(await tableRows(page, '#challenges')).toEqual(
        summary.challenges.map((row) => [row.type, row.installations]),
      )
      expect(summary.versions.length).toBeGreaterThan(1)
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
      expect(await page.textContent('[data-stat="option-help"]')).toBe(stats.help)
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
      await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true })
      await page.close()
    })
  },
)
