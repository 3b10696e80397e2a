// pnpm bench: start-up, import and processing costs, each as a ratio to a baseline measured
// in the same run (alternating runs, medians), so that a shared noisy machine still compares
// like with like. Benchmarks measure; they are not tests and assert nothing.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = `${root}packages/cli/bin/baqup-telemetry.mjs`
const runs = Number(process.env.BENCH_RUNS ?? 15)

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function timeSpawn(args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', ...options })
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return elapsed
}

/** Alternates the baseline and the subject `runs` times; returns both medians in ms. */
function compareSpawns(baseline, subject, options = {}) {
  const a = []
  const b = []
  timeSpawn(baseline)
  timeSpawn(subject, options) // warm the file-system cache
  for (let i = 0; i < runs; i++) {
    a.push(timeSpawn(baseline))
    b.push(timeSpawn(subject, options))
  }
  return { baseline: median(a), subject: median(b) }
}

const rows = []
function report(name, { baseline, subject }, goal) {
  rows.push({ name, baseline, subject, ratio: subject / baseline, goal })
  const ratio = (subject / baseline).toFixed(2)
  console.log(
    `${name.padEnd(58)} ${subject.toFixed(1).padStart(8)} ms vs ${baseline.toFixed(1).padStart(7)} ms  ×${ratio}${goal ? `  (goal ${goal})` : ''}`,
  )
}

const bare = ['-e', '0']
const importOf = (specifier) => ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`]
const schemasEntry = `${root}packages/schemas/dist/index.js`
const coreEntry = `${root}packages/core/dist/index.js`

console.log(`pnpm bench — node ${process.version}, ${runs} alternating runs per figure, medians\n`)
report(
  'baqup-telemetry --version  vs  node -e 0',
  compareSpawns(bare, [cli, '--version'], { stdio: 'ignore' }),
  '≤ 1.15',
)
report('baqup-telemetry --help  vs  node -e 0', compareSpawns(bare, [cli, '--help'], { stdio: 'ignore' }), '≤ 1.15')
report(
  'baqup-telemetry flags --json  vs  node -e 0',
  compareSpawns(bare, [cli, 'flags', '--json'], { stdio: 'ignore' }),
  '≤ 1.5',
)
report('import @baqup/schemas  vs  node -e 0', compareSpawns(bare, importOf(schemasEntry)))
const embedding = compareSpawns(bare, [
  '--input-type=module',
  '-e',
  `await import(${JSON.stringify(coreEntry)}); await import(${JSON.stringify(schemasEntry)})`,
])
report('import @baqup/core + @baqup/schemas, as published  vs  node -e 0', embedding)
console.log(
  `${''.padEnd(58)} import cost over a bare start: ${(embedding.subject - embedding.baseline).toFixed(1)} ms (goal < 60 ms)`,
)
mkdirSync(`${root}node_modules/.bench`, { recursive: true })
// An embedding proxy ships a bundle: the same imports, bundled as it would bundle them, code
// loaded on demand (the HTTP client) in chunks of its own.
const bundleDir = `${root}node_modules/.bench/embedding`
writeFileSync(
  `${root}node_modules/.bench/embedding-entry.mjs`,
  `export * from ${JSON.stringify(coreEntry)}; export * from ${JSON.stringify(schemasEntry)}`,
)
const bundled = `${bundleDir}/embedding-entry.js`
await build({
  entryPoints: [`${root}node_modules/.bench/embedding-entry.mjs`],
  outdir: bundleDir,
  splitting: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'error',
})
const embeddingBundled = compareSpawns(bare, ['--input-type=module', '-e', `await import(${JSON.stringify(bundled)})`])
report('import core + schemas, bundled by the embedder  vs  node -e 0', embeddingBundled)
console.log(
  `${''.padEnd(58)} import cost over a bare start: ${(embeddingBundled.subject - embeddingBundled.baseline).toFixed(1)} ms (goal < 25 ms)`,
)
const fullYaml = ['inspect', '--json', `--configFile=${root}examples/baqup.full.yaml`]
const stateEnv = { ...process.env, BAQUP_TELEMETRY_STATE: `${root}node_modules/.bench-state.json` }
report(
  'inspect --json --configFile=baqup.full.yaml  vs  node -e 0',
  compareSpawns(bare, [cli, ...fullYaml], { env: stateEnv }),
  '≤ 1.5',
)

// Release views (issue 18): one view's build, and inspect's start-up under 2.11 beside 3.7.
const versions = spawnSync(process.execPath, [`${root}scripts/bench/versions.mjs`], { encoding: 'utf8' })
if (versions.status !== 0) throw new Error(versions.stderr)
process.stdout.write(versions.stdout)

const peak = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...fullYaml], {
  env: stateEnv,
  encoding: 'utf8',
})
const bareRss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' })
if (peak.status === 0 && bareRss.status === 0) {
  const kib = (r) => Number(r.stderr.trim().split('\n').at(-1))
  console.log(
    `${'peak RSS: inspect on baqup.full.yaml  vs  node -e 0'.padEnd(58)} ${(kib(peak) / 1024).toFixed(1).padStart(8)} MiB vs ${(kib(bareRss) / 1024).toFixed(1).padStart(7)} MiB`,
  )
}

console.log('\nin process, warm, median (subject vs JSON of the same data):')
const inProcess = spawnSync(process.execPath, ['--expose-gc', `${root}scripts/bench/processing.mjs`], {
  encoding: 'utf8',
})
if (inProcess.status !== 0) throw new Error(inProcess.stderr)
const figures = JSON.parse(inProcess.stdout)
report('load + validate baqup.full.yaml  vs  JSON.parse', figures.load)
report('anonymize + hash baqup.full.yaml  vs  JSON round trip', figures.anonymizeFull, '≤ 5')
report('anonymize + hash, 1 000 entry points  vs  JSON round trip', figures.anonymize1000, '≤ 5')
report('anonymize + hash, 10 000 entry points  vs  JSON round trip', figures.anonymize10000, '≤ 5')
const growth = figures.anonymize10000.subject / figures.anonymize1000.subject
// Ten times the data also outgrows the processor's caches: the baseline's own growth says how much.
const baselineGrowth = figures.anonymize10000.baseline / figures.anonymize1000.baseline
console.log(
  `${'growth: 10 000 / 1 000 entry points'.padEnd(58)} ×${growth.toFixed(2)} (linear: ≈10, goal ≤ 12; JSON round trip of the same data: ×${baselineGrowth.toFixed(2)})`,
)
console.log(
  `${'heap kept by anonymize + hash of 10 000 entry points'.padEnd(58)} ${figures.memory.heapMiB10000.toFixed(1)} MiB`,
)

// The scrub pass on its worst inputs, each side in a fresh process so that peak memory is its own.
const scrubSide = (side) => {
  const run = spawnSync(process.execPath, [`${root}scripts/bench/scrub.mjs`, side], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout)
}
const scrubbed = scrubSide('subject')
const parsed = scrubSide('baseline')
report(`scrub 1 000 worst-case 1 KiB strings  vs  JSON.parse of ${(parsed.bytes / 1024).toFixed(0)} KiB`, {
  subject: scrubbed.ms,
  baseline: parsed.ms,
})
console.log(
  `${'peak RSS: scrub of the worst-case strings  vs  JSON.parse'.padEnd(58)} ${scrubbed.peakMiB.toFixed(1).padStart(8)} MiB vs ${parsed.peakMiB.toFixed(1).padStart(7)} MiB  ×${(scrubbed.peakMiB / parsed.peakMiB).toFixed(2)}`,
)

console.log('\nworst-case files through the CLI (inspect --json), median; baseline: node JSON.parse of as many bytes:')
const large = spawnSync(process.execPath, [`${root}scripts/bench/large-inputs.mjs`], { encoding: 'utf8' })
if (large.status !== 0) throw new Error(large.stderr)
for (const [name, figure] of Object.entries(JSON.parse(large.stdout))) {
  const label = `${name} (${(figure.bytes / 1024).toFixed(0)} KiB, exit ${figure.exit})`
  console.log(
    `${label.padEnd(58)} ${figure.seconds.toFixed(2).padStart(6)} s ×${(figure.seconds / figure.baselineSeconds).toFixed(1)}  ` +
      `peak ${figure.peakMiB.toFixed(0)} MiB ×${(figure.peakMiB / figure.baselinePeakMiB).toFixed(1)}  (goal < 1 s, < 200 MiB)`,
  )
}
