// Worst-case configuration files of pnpm bench: built here, then measured through the CLI
// (`inspect --json`) against a process that JSON.parses a file of the same size. Prints one
// JSON object on stdout: { name: { bytes, seconds, baselineSeconds, peakMiB, baselinePeakMiB, exit } }.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const cli = `${root}packages/cli/bin/baqup-telemetry.mjs`
const dir = `${root}node_modules/.bench/large`
const MiB = 1024 * 1024
const runs = Number(process.env.BENCH_LARGE_RUNS ?? 3)

/** Repeats `line` (with its index) after `head` until one more would pass 1 MiB. */
function fill(head, line, tail = '') {
  const parts = [head]
  let length = head.length + tail.length
  for (let i = 0; ; i++) {
    const next = line(i)
    if (length + next.length > MiB) break
    parts.push(next)
    length += next.length
  }
  parts.push(tail)
  return parts.join('')
}

const files = {
  // Aliases, as many as a megabyte holds, in the ignored `http:` section.
  'aliases filling 1 MiB': fill('http:\n  a: &a x\n  l: [', () => '*a,', '*a]\n'),
  // Merge keys, as many as a megabyte holds.
  'merge keys filling 1 MiB': fill('http:\n  a: &a {x: 1}\n  l:\n', () => '  - <<: *a\n'),
  // A 400 KB text aliased 1 600 times (640 MB once expanded).
  '400 KB text aliased 1 600 times': `http:\n  a: &a ${'x'.repeat(400_000)}\n  l: [${Array(1600).fill('*a').join(',')}]\n`,
  '70 000 entry points': fill('entryPoints:\n', (i) => `  ep${i}: {}\n`),
  '32 000 entry points with addresses': fill('entryPoints:\n', (i) => `  ep${i}:\n    address: ":${i % 65536}"\n`),
  '48 000 entry points as TOML tables': fill('', (i) => `[entryPoints.ep${i}]\n`),
  '80 000 entry points as TOML inline tables': fill('[entryPoints]\n', (i) => `ep${i} = {}\n`),
}

/** The TOML inputs say so in their name. */
const extension = (name) => (name.includes('TOML') ? 'toml' : 'yaml')

function peak(args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BAQUP_TELEMETRY_STATE: `${dir}/state.json` },
  })
  const [seconds, kib] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number)
  return { seconds, kib, exit: result.status }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

mkdirSync(dir, { recursive: true })
const results = {}
for (const [name, text] of Object.entries(files)) {
  const file = `${dir}/${name.replaceAll(' ', '-')}.${extension(name)}`
  writeFileSync(file, text)
  // The baseline: the same number of bytes, as one JSON string, parsed by JSON.parse.
  const json = `${dir}/${name.replaceAll(' ', '-')}.json`
  writeFileSync(json, JSON.stringify(text.slice(0, text.length - 2)))
  const baselineArgs = ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(json)}, 'utf8'))`]
  const subject = []
  const baseline = []
  for (let i = 0; i < runs; i++) {
    baseline.push(peak(baselineArgs))
    subject.push(peak([cli, 'inspect', '--json', `--configFile=${file}`]))
  }
  results[name] = {
    bytes: text.length,
    seconds: median(subject.map((r) => r.seconds)),
    baselineSeconds: median(baseline.map((r) => r.seconds)),
    peakMiB: median(subject.map((r) => r.kib)) / 1024,
    baselinePeakMiB: median(baseline.map((r) => r.kib)) / 1024,
    exit: subject[0].exit,
  }
}
process.stdout.write(JSON.stringify(results))
