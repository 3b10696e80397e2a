// pnpm bench, the scrub pass on its worst inputs: strings crafted to make a backtracking matcher
// work hard, each just under the longest checked length. `node scrub.mjs subject|baseline` times
// one side in a fresh process and prints {"ms","peakMiB","bytes"}: the subject scrubs every
// string, the baseline JSON.parses an input of the same size.
import { MAX_CHECKED_LENGTH, scrub } from '../../packages/core/dist/index.js'

const n = MAX_CHECKED_LENGTH
const shapes = [
  (i) => `${'a.'.repeat(n / 2 - 1)}${i % 10}`,
  (i) => `${'a-'.repeat(n / 2 - 2)}.${i % 10}`,
  (i) => `${'0:'.repeat(n / 2 - 1)}g`.slice(0, n - 1) + (i % 10),
  (i) => `${'a'.repeat(n - 4)}.a${i % 10}`,
  () => '1.'.repeat(n / 2),
  () => '@a.'.repeat(Math.floor(n / 3)),
  () => 'ab '.repeat(Math.floor(n / 3)),
  () => 'ab例'.repeat(Math.floor(n / 3)),
  () => `v${'1.'.repeat(n / 2 - 1)}`,
  () => 'a1b2c3d '.repeat(n / 8),
]
const strings = Array.from({ length: 1000 }, (_, i) => (shapes[i % shapes.length] ?? String)(i))
const input = JSON.stringify(strings)

function median(fn, runs) {
  for (let i = 0; i < 3; i++) fn()
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]
}

const subject = process.argv[2] === 'subject'
const ms = subject
  ? median(() => {
      for (const text of strings) scrub(text)
    }, 15)
  : median(() => JSON.parse(input), 15)
const peakMiB = process.resourceUsage().maxRSS / 1024
process.stdout.write(JSON.stringify({ ms, peakMiB, bytes: input.length }))
