// pnpm bench (or pnpm bench:collector): baqup-collector under 64 concurrent connections (autocannon,
// after 2 s of the same load unmeasured),
// on DuckDB, on one ClickHouse server (inserts per group commit, and from a journal: `?journal=`)
// and on a ClickHouse cluster (2 shards × 2 replicas, ZooKeeper),
// beside a bare node:http server answering 200 to the same requests,
// each in its own process, measured in the same run (the bare server before and after each
// collector: their mean is that collector's baseline). Accepted per second are the 200s the store confirmed
// (cross-checked against `stats` afterwards). The store size per million reports is measured on
// a store seeded with N generated reports (`baqup-collector seed`, N = BENCH_STORE_REPORTS,
// default 100 000): its growth over an empty store, divided by N, times a million.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../../', import.meta.url))
const collectorBin = `${root}packages/collector/bin/baqup-collector.mjs`
const seconds = Number(process.env.BENCH_COLLECTOR_SECONDS ?? 10)
const seededReports = Number(process.env.BENCH_STORE_REPORTS ?? 100_000)
const CONNECTIONS = 64
const folder = mkdtempSync(join(tmpdir(), 'bench-collector-'))
process.on('exit', () => rmSync(folder, { recursive: true, force: true }))

const { anonymize } = await import(`${root}packages/core/dist/index.js`)
const { staticConfigSchema } = await import(`${root}packages/schemas/dist/index.js`)

/** A typical report, as `baqup-telemetry send` posts it; each request gets its own hash. */
const configuration = anonymize(staticConfigSchema, {
  global: { sendAnonymousUsage: true, checkNewVersion: true },
  log: { level: 'INFO' },
  accessLog: {},
  entryPoints: { web: { address: ':80' }, websecure: { address: ':443' } },
  providers: { docker: { endpoint: 'unix:///var/run/docker.sock', exposedByDefault: false }, file: {} },
  api: { dashboard: true },
  metrics: { prometheus: {} },
  certificatesResolvers: { le: { acme: { email: 'ops@example.com', storage: '/acme.json' } } },
})
const HASH = 'h'.repeat(64)
const template = JSON.stringify({
  version: '3.1.0',
  codename: 'cheddar',
  buildDate: '2025-01-31',
  configuration: Buffer.from(JSON.stringify(configuration)).toString('base64'),
  hash: HASH,
})
let sent = 0
/** First bytes of private, shared, loopback, link-local and multicast space: not what the lookups see. */
const NOT_PUBLIC = new Set([0, 10, 100, 127, 169, 172, 192, 198, 203])
/** A public IPv4 address, a different one each request: the country and AS lookups run on every report. */
function publicAddress(n) {
  const mixed = Math.imul(n + 1, 2654435761) >>> 0
  let first = 1 + (mixed % 223)
  if (NOT_PUBLIC.has(first)) first = 45
  return `${first}.${(mixed >>> 8) & 255}.${(mixed >>> 16) & 255}.${1 + ((mixed >>> 24) % 254)}`
}
// Each request as a load balancer on the loopback forwards it, for a public address (collectors: --trust-proxy).
const request = {
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/json' },
  setupRequest: (req) => {
    const n = sent++
    return {
      ...req,
      headers: { ...req.headers, 'x-forwarded-for': publicAddress(n) },
      body: template.replace(HASH, n.toString(16).padStart(64, '0')),
    }
  },
}

function started(child, name) {
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk) => {
    out += chunk
  })
  child.stderr.on('data', (chunk) => {
    err += chunk.toString().slice(-2000)
  })
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (url) {
        clearInterval(timer)
        resolve(url)
      } else if (child.exitCode !== null) {
        clearInterval(timer)
        reject(new Error(`${name} exited ${child.exitCode}: ${err}`))
      }
    }, 20)
  })
}

/** Peak resident memory of a running process, in MiB (Linux). */
const peakMiB = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024

const stop = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })

/** Unmeasured load first, the same for every server: what is measured is a warm process (JIT, caches, the dashboard's first summaries). */
const WARM_UP_SECONDS = 2

async function load(url) {
  const warm = await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, requests: [request] })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests: [request] })
  return {
    ok: result['2xx'],
    // Every 200, the warm-up's too: each must have its row in the store.
    accepted: warm['2xx'] + result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
    p99: result.latency.p99,
    seconds,
  }
}

const BARE = `
const { createServer } = require('node:http')
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"ok":true}'))
})
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port))
`

async function bare() {
  const child = spawn(process.execPath, ['-e', BARE], { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await started(child, 'bare server')
  const figures = await load(url)
  figures.peakMiB = peakMiB(child.pid)
  await stop(child)
  return figures
}

/** Every request comes from 127.0.0.1, one network: the per-network cap of new installations is raised out of the way. */
const UNCAPPED = '--max-installations-per-network=1000000000'

/** The load generator's requests arrive from the loopback, which forwards them for public addresses. */
const TRUSTED = '--trust-proxy=127.0.0.1'

/** The heap limit the README recommends for `serve` (NODE_OPTIONS). */
const HEAP_FLAG = '--max-old-space-size=256'

/** Resident memory of a running process now, in MiB (Linux). */
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024

/**
 * A report of about 58 KB (a configuration of 330 entry points, 43 KB of JSON, as base64), distinct
 * for each `n`: the load that took the collector from 246 MB to 1 074 MB when its cache of checked
 * configurations was bounded by count alone (issue 17).
 */
function largeReport(n) {
  const entryPoints = Object.fromEntries(
    Array.from({ length: 330 }, (_, i) => [
      `ep${i}`,
      {
        address: `:${i === 0 ? 10_000 + n : 1000 + i}`,
        http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } },
      },
    ]),
  )
  const anonymized = anonymize(staticConfigSchema, { entryPoints })
  return JSON.stringify({
    version: '3.1.0',
    codename: 'cheddar',
    buildDate: '2025-01-31',
    configuration: Buffer.from(JSON.stringify(anonymized)).toString('base64'),
    hash: n.toString(16).padStart(64, '0'),
  })
}

/**
 * RSS of a collector on DuckDB before and after `count` distinct ~58 KB configurations, 16 at a time,
 * with the Node.js flags given (V8 sizes its heap from the machine's memory: on a large machine it
 * defers collecting garbage that a heap limit makes it collect).
 */
async function largeConfigurations(nodeFlags = [], count = 2500) {
  const store = join(folder, `large${nodeFlags.length}.duckdb`)
  const args = [...nodeFlags, collectorBin, 'serve', '--listen=127.0.0.1:0', `--store=${store}`, UNCAPPED]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await started(child, 'baqup-collector')
  const before = rssMiB(child.pid)
  let next = 0
  let bytes = 0
  const statuses = {}
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const body = largeReport(next++)
        bytes += body.length
        const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        await answer.arrayBuffer()
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
      }
    }),
  )
  const after = rssMiB(child.pid)
  const peak = peakMiB(child.pid)
  await stop(child)
  return { count, before, after, peak, meanBytes: bytes / count, statuses }
}

function run(args) {
  const done = spawnSync(process.execPath, [collectorBin, ...args], { encoding: 'utf8' })
  if (done.status !== 0) throw new Error(`baqup-collector ${args[0]}: ${done.stderr}`)
  return done.stdout
}

/** One collector on `store` under load, behind the loopback as its trusted proxy, and what `stats` counts in it afterwards. */
async function ingest(store, flags = []) {
  const args = [collectorBin, 'serve', '--listen=127.0.0.1:0', `--store=${store}`, UNCAPPED, TRUSTED, ...flags]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await started(child, 'baqup-collector')
  const figures = await load(url)
  figures.peakMiB = peakMiB(child.pid)
  const code = await stop(child)
  if (code !== 0) throw new Error(`baqup-collector exited ${code}`)
  figures.stored = JSON.parse(run(['stats', `--store=${store}`, '--json'])).reports
  return figures
}

/** `ingest` on `store`; then the bytes of `seeded`, filled by `seed`, read by `size()`. */
async function collector(store, seeded, size) {
  const figures = await ingest(store)
  run(['seed', `--store=${seeded}`, `--reports=${seededReports}`, '--days=30'])
  figures.bytes = await size()
  return figures
}

const fileBytes = (path) => {
  let total = 0
  for (const file of [path, `${path}.wal`]) {
    try {
      total += statSync(file).size
    } catch {}
  }
  return total
}

async function duckdb() {
  const empty = join(folder, 'empty.duckdb')
  run(['stats', `--store=${empty}`, '--json'])
  const seeded = join(folder, 'seeded.duckdb')
  const figures = await collector(join(folder, 'bench.duckdb'), seeded, async () => fileBytes(seeded))
  figures.emptyBytes = fileBytes(empty)
  return figures
}

/** A module of the test suite's support (TypeScript, node builtins only), compiled for this script. */
async function testSupport(name) {
  const out = join(folder, `${name}-support.mjs`)
  await build({
    entryPoints: [`${root}packages/collector/test/support/${name}.ts`],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  })
  return import(out)
}

async function clickhouse(measure) {
  const { clickhouseMissing, startClickHouse } = await testSupport('clickhouse')
  if (clickhouseMissing) return { skipped: clickhouseMissing }
  const server = await startClickHouse()
  const query = async (sql) => {
    const answer = await fetch(`${server.url}/?query=${encodeURIComponent(sql)}`, { method: 'POST' })
    if (!answer.ok) throw new Error(`clickhouse: ${await answer.text()}`)
    return answer.text()
  }
  const bytesOn = async (database) => {
    for (const table of [
      'reports',
      'installation_days',
      'configurations',
      'configuration_options',
      'version_checks',
      'refusals',
    ]) {
      await query(`OPTIMIZE TABLE ${database}.${table} FINAL`)
    }
    return Number(await query(`SELECT sum(bytes_on_disk) FROM system.parts WHERE database = '${database}' AND active`))
  }
  try {
    const direct = await measure(() =>
      collector(server.storeURL('bench'), server.storeURL('seeded'), () => bytesOn('seeded')),
    )
    const journal = join(folder, 'clickhouse.journal')
    const journaled = await measure(() => ingest(`${server.storeURL('bench_journaled')}?journal=${journal}`))
    return { direct, journaled }
  } finally {
    await server.remove()
  }
}

/** The test suite's throw-away cluster: ZooKeeper and four ClickHouse servers; the collector writes through the first. */
async function cluster(measure) {
  const { clusterMissing, startHealthyCluster } = await testSupport('cluster')
  if (clusterMissing) return { skipped: clusterMissing }
  const started = await startHealthyCluster()
  try {
    return await measure(() => ingest(started.storeURL('bench')))
  } finally {
    await started.remove()
  }
}

/** Runs of one server as one: the mean rate, the worst p99 and peak memory. */
const meanOf = (...runs) => ({
  ...runs.at(-1),
  ok: runs.reduce((sum, run) => sum + run.ok, 0) / runs.length,
  p99: Math.max(...runs.map((run) => run.p99)),
  peakMiB: Math.max(...runs.map((run) => run.peakMiB)),
})

const mib = (n) => `${n.toFixed(1)} MiB`
const perSecond = (f) => f.ok / f.seconds

function line(name, figures, baseline, extra = '') {
  const rate = perSecond(figures)
  const ratio = baseline ? `  ×${(rate / perSecond(baseline)).toFixed(2)} of bare` : ''
  console.log(
    `${name.padEnd(30)} ${rate.toFixed(0).padStart(6)} /s${ratio.padEnd(16)}  p99 ${String(figures.p99).padStart(4)} ms` +
      `  peak RSS ${mib(figures.peakMiB).padStart(9)}  not 200: ${figures.other}${extra}`,
  )
}

console.log(
  `\nbaqup-collector, ${CONNECTIONS} connections, ${seconds} s each (autocannon), node ${process.version}; ` +
    `report body ${template.length} bytes:`,
)
// The machine's speed drifts over minutes: each collector runs between two runs of the bare server,
// and its ratio is to their mean.
const bares = [await bare()]
async function measure(run) {
  const figures = await run()
  bares.push(await bare())
  return { ...figures, baseline: meanOf(bares.at(-2), bares.at(-1)) }
}
// Without lookups before and after the run with them: the order of two runs alone moves their rates.
const withoutGeoBefore = await measure(() => ingest(join(folder, 'geo-off-1.duckdb'), ['--geo=off']))
const duck = await measure(duckdb)
const withoutGeoAfter = await measure(() => ingest(join(folder, 'geo-off-2.duckdb'), ['--geo=off']))
const { direct: house = {}, journaled: houseJournaled = {}, skipped } = await clickhouse(measure)
if (skipped) house.skipped = houseJournaled.skipped = skipped
const houses = await cluster(measure)
const large = await largeConfigurations()
const largeCapped = await largeConfigurations([HEAP_FLAG])
const rates = bares.map(perSecond)
line(
  'bare node:http, 200 only',
  meanOf(...bares),
  undefined,
  `  (${bares.length} runs, ${Math.min(...rates).toFixed(0)} to ${Math.max(...rates).toFixed(0)} /s; each collector's ratio is to the runs before and after it)`,
)
const ratio = (figures) => perSecond(figures) / perSecond(figures.baseline)
for (const [name, figures, goal] of [
  ['collector on DuckDB, --geo=off', withoutGeoBefore, ''],
  ['collector on DuckDB', duck, '  (goal ≥ ×0.5)'],
  ['collector on DuckDB, --geo=off', withoutGeoAfter, ''],
  ['collector on ClickHouse', house, ''],
  ['  with ?journal=', houseJournaled, '  (goal ≥ ×0.3)'],
  ['collector on ClickHouse 2×2', houses, ''],
]) {
  if (figures.skipped) console.log(`${name.padEnd(30)} skipped: ${figures.skipped}`)
  else line(name, figures, figures.baseline, goal)
}

for (const [name, figures] of [
  ['DuckDB', duck],
  ['ClickHouse', house],
  ['ClickHouse, ?journal=', houseJournaled],
  ['ClickHouse 2×2', houses],
]) {
  if (figures.skipped) continue
  // More stored than counted: requests still in flight when the load stopped, answered after it.
  if (figures.stored < figures.accepted) {
    console.log(`  ${name}: ${figures.accepted} answered 200 but ${figures.stored} stored: a 200 without its row!`)
  }
  if (figures.bytes === undefined) continue
  const growth = figures.bytes - (figures.emptyBytes ?? 0)
  const how = figures.emptyBytes !== undefined ? 'file growth over an empty store' : 'active parts after OPTIMIZE FINAL'
  console.log(
    `  store size per million reports, ${name}: ${mib(((growth / seededReports) * 1e6) / 2 ** 20)}` +
      ` (${how}: ${mib(growth / 2 ** 20)} for N = ${seededReports} seeded reports, × 1e6 / N)`,
  )
}

// The country and AS lookups of every report (issue 22): at most 10 % of the ingest rate.
const geoCost = 1 - ratio(duck) / ((ratio(withoutGeoBefore) + ratio(withoutGeoAfter)) / 2)
const peakWithoutGeo = Math.max(withoutGeoBefore.peakMiB, withoutGeoAfter.peakMiB)
console.log(
  `  lookups (DuckDB, --geo=on against --geo=off, each as a ratio to bare): ${(geoCost * 100).toFixed(1)} % fewer reports/s, ` +
    `peak RSS +${mib(duck.peakMiB - peakWithoutGeo)} (goal: at most 10 % fewer)`,
)

for (const [how, figures] of [
  ['default heap', large],
  [HEAP_FLAG, largeCapped],
]) {
  console.log(
    `  RSS after ${figures.count} distinct ~${(figures.meanBytes / 1000).toFixed(0)} KB configurations (DuckDB, ${how}): ` +
      `${mib(figures.after)} (before ${mib(figures.before)}, peak ${mib(figures.peak)}; goal under 400 MB)` +
      `  answers: ${JSON.stringify(figures.statuses)}`,
  )
}
