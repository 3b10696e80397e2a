// pnpm bench, the address lookups (country and autonomous system, packages/collector/src/geo): the time
// to open the databases and the memory they add (resident and heap after a full GC, each opening in its
// own fresh process, median of BENCH_GEO_RUNS, default 3), with the ASN CSVs of the npm package read as
// numbers (the -num files, the default) and as addresses; then the cost of one lookup, IPv4 and IPv6,
// over public addresses drawn from the ASN ranges, beside the country database's own lookup alone.
// `node geo.mjs open num|text` measures one opening and prints its figures as JSON.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dist = `${root}packages/collector/dist/geo/`
const runs = Number(process.env.BENCH_GEO_RUNS ?? 3)
const require = createRequire(`${root}packages/collector/package.json`)
const folderOf = (name) => dirname(require.resolve(`${name}/package.json`))
const asnFolder = folderOf('@ip-location-db/asn')
const countryFile = join(folderOf('@ip-location-db/geo-whois-asn-country-mmdb'), 'geo-whois-asn-country.mmdb')
const ASN_FILES = {
  num: ['asn-ipv4-num.csv', 'asn-ipv6-num.csv'],
  text: ['asn-ipv4.csv', 'asn-ipv6.csv'],
}
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const { openGeo } = await import(`${dist}open.js`)

if (process.argv[2] === 'open') {
  const memory = () => {
    globalThis.gc()
    globalThis.gc()
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
    return { rss, heapUsed, external, arrayBuffers }
  }
  const before = memory()
  const start = performance.now()
  const geo = await openGeo({ asnFiles: ASN_FILES[process.argv[3]].map((file) => join(asnFolder, file)) })
  const ms = performance.now() - start
  const after = memory()
  geo.lookup('8.8.8.8')
  console.log(JSON.stringify({ ms, before, after }))
  process.exit(0)
}

function opening(format) {
  const figures = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'open', format], {
      encoding: 'utf8',
    })
    if (child.status !== 0) throw new Error(`geo.mjs open ${format} exited ${child.status}: ${child.stderr}`)
    return JSON.parse(child.stdout)
  })
  const added = (key) => median(figures.map(({ before, after }) => after[key] - before[key]))
  return {
    ms: median(figures.map(({ ms }) => ms)),
    rss: added('rss'),
    heap: added('heapUsed'),
    external: added('external'),
  }
}

for (const format of ['num', 'text']) {
  const { ms, rss, heap, external } = opening(format)
  console.log(
    `geo: open (${ASN_FILES[format].join(', ')}): ${ms.toFixed(0)} ms; added RSS ${mib(rss)}, heap after GC ` +
      `${mib(heap)}, external ${mib(external)} (median of ${runs}, fresh processes)`,
  )
}

/** Public addresses spread over the ASN ranges, the same every run (a linear congruential sequence). */
function sample(geo, family, count) {
  const ranges = [...geo.ranges()].filter((range) => range.family === family)
  let seed = 1
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed
  }
  const addresses = []
  while (addresses.length < count) {
    const range = ranges[next() % ranges.length]
    const host = (next() % 250) + 1
    const address =
      family === 4
        ? range.first.replace(/\d+$/, String(host))
        : range.first.replace(/::$/, `:${host.toString(16)}:${next().toString(16).slice(0, 4)}::${host.toString(16)}`)
    if (geo.lookup(address).asn !== 0) addresses.push(address)
  }
  return addresses
}

function perCall(addresses, lookup) {
  const times = []
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint()
    for (const address of addresses) lookup(address)
    times.push(Number(process.hrtime.bigint() - start) / addresses.length)
  }
  return median(times.slice(1))
}

const geo = await openGeo()
const { Reader } = await import(require.resolve('mmdb-lib'))
const cache = new Map()
const reader = new Reader(readFileSync(countryFile), {
  cache: { get: (key) => cache.get(key), set: (key, value) => cache.set(key, value) },
})
const COUNT = 200_000
for (const family of [4, 6]) {
  const addresses = sample(geo, family, COUNT)
  const lookup = perCall(addresses, (address) => geo.lookup(address))
  const country = perCall(addresses, (address) => reader.get(address))
  console.log(
    `geo: lookup, IPv${family}: ${lookup.toFixed(0)} ns a call (country and AS number); the country database ` +
      `alone ${country.toFixed(0)} ns, so parsing, the public check and the AS table ${(lookup - country).toFixed(0)} ns ` +
      `(${COUNT} addresses, median of 4 rounds)`,
  )
}
