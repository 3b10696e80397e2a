// pnpm bench: start-up, import and processing costs, each as a ratio to a baseline measured
// in the same run (alternating runs, medians), so that a shared noisy machine still compares
// like with like. Benchmarks measure; they are not tests and assert nothing.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

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
function compareSpawns(baseline, subject) {
  const a = []
  const b = []
  timeSpawn(baseline)
  timeSpawn(subject) // warm the file-system cache
  for (let i = 0; i < runs; i++) {
    a.push(timeSpawn(baseline))
    b.push(timeSpawn(subject))
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
  'baqup-telemetry flags --json  vs  node -e 0',
  compareSpawns(bare, [cli, 'flags', '--json'], { stdio: 'ignore' }),
)
report('import @baqup/schemas  vs  node -e 0', compareSpawns(bare, importOf(schemasEntry)))
