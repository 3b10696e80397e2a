// The release views' figures of pnpm bench (issue 18), runnable alone: `node scripts/bench/versions.mjs`.
// 1. Building one release's view (`schemaFor('2.11.0')`, then walking it): cold, each in a fresh
//    process (a view is built once per process and minor release), median of the runs.
// 2. The CLI's start-up for `inspect --baqup-version=2.11.0` beside the same on 3.7 (no view to
//    build: the newest is the schema itself), each as a ratio to `node -e 0`, alternating runs.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const cli = `${root}packages/cli/bin/baqup-telemetry.mjs`
const runs = Number(process.env.BENCH_RUNS ?? 15)
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const buildOne = `
  const { schemaFor } = await import(${JSON.stringify(`${root}packages/schemas/dist/index.js`)})
  const { walk } = await import(${JSON.stringify(`${root}packages/core/dist/index.js`)})
  const start = performance.now()
  const view = schemaFor('2.11.0')
  const built = performance.now()
  walk(view.zod)
  const walked = performance.now()
  schemaFor('2.11.9')
  const again = performance.now()
  console.log(JSON.stringify({ build: built - start, walk: walked - built, cached: again - walked }))
`
const views = []
for (let i = 0; i < runs; i++) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', buildOne], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  views.push(JSON.parse(run.stdout))
}
const ms = (key) => median(views.map((view) => view[key])).toFixed(1)
console.log(
  `${"build one release's view (schemaFor('2.11.0'), cold)".padEnd(58)} ${ms('build').padStart(8)} ms, its walk ${ms('walk')} ms, cached ${ms('cached')} ms`,
)

function timeSpawn(args, env) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env })
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}
const env = { ...process.env, BAQUP_TELEMETRY_STATE: `${root}node_modules/.bench-state.json` }
const inspect = (version) => [
  cli,
  'inspect',
  '--json',
  `--configFile=${root}examples/baqup.yaml`,
  `--baqup-version=${version}`,
]
const samples = { bare: [], '3.7.0': [], '2.11.0': [] }
for (const version of ['3.7.0', '2.11.0']) timeSpawn(inspect(version), env) // warm the file-system cache
for (let i = 0; i < runs; i++) {
  samples.bare.push(timeSpawn(['-e', '0'], env))
  for (const version of ['3.7.0', '2.11.0']) samples[version].push(timeSpawn(inspect(version), env))
}
const bare = median(samples.bare)
for (const version of ['3.7.0', '2.11.0']) {
  const subject = median(samples[version])
  console.log(
    `${`inspect --json --baqup-version=${version} (examples/baqup.yaml)  vs  node -e 0`.padEnd(58)} ${subject.toFixed(1).padStart(8)} ms vs ${bare.toFixed(1).padStart(7)} ms  ×${(subject / bare).toFixed(2)}  (goal ≤ 1.5)`,
  )
}
