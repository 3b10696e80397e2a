// pnpm bench (or pnpm bench:stats): the statistics over a large seeded store, on DuckDB and on ClickHouse, and the
// dashboard in Chromium. N = BENCH_STATS_REPORTS (default 1 000 000) generated reports over 90 days are written
// through the store API in big batches (`seedStore`, timed); then GET /api/v1/summary?days=90 and
// /api/v1/options/log.level?days=90 are computed in-process (first run, then the median of 3). The dashboard is
// served from the DuckDB store and opened in headless Chromium: first contentful paint, the time until every
// chart is drawn (the page's `dashboard-ready` mark, once the frame that paints them has run), and the bytes of
// its assets, raw and gzipped.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dist = `${root}packages/collector/dist/`
const reports = Number(process.env.BENCH_STATS_REPORTS ?? 1_000_000)
const DAYS = 90
const CHROMIUM = '/usr/bin/chromium'
const folder = mkdtempSync(join(tmpdir(), 'bench-stats-'))
process.on('exit', () => rmSync(folder, { recursive: true, force: true }))

const { seedStore } = await import(`${dist}seed.js`)
const { openStore } = await import(`${dist}store/open.js`)
const { statsCatalog } = await import(`${dist}stats/sections.js`)
const { summary } = await import(`${dist}stats/summary.js`)
const { optionStats } = await import(`${dist}stats/option.js`)
const { lastDays } = await import(`${dist}stats/window.js`)
const { staticConfigSchema } = await import(`${root}packages/schemas/dist/index.js`)

const ms = (start) => performance.now() - start
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function timed(run) {
  const first = performance.now()
  await run()
  const cold = ms(first)
  const warm = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    await run()
    warm.push(ms(start))
  }
  return { cold, warm: median(warm) }
}

async function measureStore(location) {
  const store = await openStore(location)
  try {
    const seeding = performance.now()
    await seedStore(store, { reports, days: DAYS, seed: 1, batchSize: 20_000 })
    const seeded = ms(seeding)
    const context = {
      store,
      catalog: statsCatalog(staticConfigSchema),
      threshold: { minCount: 10, minNetworks: 3 },
      networks: 'counted',
    }
    const window = lastDays(DAYS, new Date())
    const option = context.catalog.options.get('log.level')
    return {
      seeded,
      counts: await store.stats(),
      summary: await timed(() => summary(context, DAYS, window)),
      option: await timed(() => optionStats(context, option, DAYS, window)),
    }
  } finally {
    await store.close()
  }
}

async function clickhouse() {
  const out = join(folder, 'clickhouse-support.mjs')
  const entry = `${root}packages/collector/test/support/clickhouse.ts`
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  })
  const { clickhouseMissing, startClickHouse } = await import(out)
  if (clickhouseMissing) return { skipped: clickhouseMissing }
  const server = await startClickHouse()
  try {
    return await measureStore(server.storeURL('stats'))
  } finally {
    await server.remove()
  }
}

async function dashboard(store) {
  const { chromium } = createRequire(`${root}packages/collector/package.json`)('playwright-core')
  const child = spawn(process.execPath, [`${root}packages/collector/bin/baqup-collector.mjs`, 'serve'], {
    env: { ...process.env, BAQUP_COLLECTOR_STORE: store, BAQUP_COLLECTOR_LISTEN: '127.0.0.1:0' },
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const found = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (found) resolve(found)
    })
    child.once('exit', (code) => reject(new Error(`collector exited ${code}`)))
  })
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
  args.push('--disable-component-update', '--no-first-run')
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args })
  try {
    const runs = []
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const assets = []
      page.on('response', async (response) => {
        if (!response.url().startsWith(url) || response.url().includes('/api/')) return
        const body = await response.body().catch(() => Buffer.alloc(0))
        assets.push({ url: response.url(), bytes: body.length, gzip: gzipSync(body).length })
      })
      await page.goto(`${url}/?days=${DAYS}`)
      await page.waitForSelector('body[data-ready="true"]')
      const ready = await page.evaluate(() => performance.getEntriesByName('dashboard-ready')[0]?.startTime)
      const paint = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      )
      runs.push({ paint, ready, assets })
      await page.close()
    }
    return runs
  } finally {
    await browser.close()
    child.kill('SIGTERM')
  }
}

const fmt = (n) => `${n.toFixed(0)} ms`
function report(name, figures) {
  if (figures.skipped) return console.log(`stats on ${name}: skipped (${figures.skipped})`)
  const { seeded, counts, summary: s, option: o } = figures
  console.log(
    `stats on ${name}: seeded ${counts.reports} reports (${counts.installations} installations, ${DAYS} days)` +
      ` in ${(seeded / 1000).toFixed(1)} s; summary?days=90 ${fmt(s.cold)} first, ${fmt(s.warm)} median of 3;` +
      ` options/log.level?days=90 ${fmt(o.cold)} first, ${fmt(o.warm)} median of 3`,
  )
}

const duckdbFile = join(folder, 'stats.duckdb')
report('DuckDB', await measureStore(duckdbFile))
report('ClickHouse', await clickhouse())
const runs = await dashboard(duckdbFile)
const { assets } = runs[0]
const total = (key) => assets.reduce((sum, asset) => sum + asset[key], 0)
console.log(
  `dashboard in Chromium (${reports} reports): first paint ${runs.map((r) => fmt(r.paint)).join(' / ')};` +
    ` all charts drawn ${runs.map((r) => fmt(r.ready)).join(' / ')} after navigation (3 page loads);` +
    ` assets ${assets.length} files, ${(total('bytes') / 1024).toFixed(1)} KiB, ${(total('gzip') / 1024).toFixed(1)} KiB gzipped`,
)
