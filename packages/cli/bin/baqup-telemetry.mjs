#!/usr/bin/env node
// `--help` and `--version` alone print what the build recorded (dist/answers.json) and load nothing
// else; every other command line runs the bundle.
import { readFileSync } from 'node:fs'

// A closed pipe (`baqup-telemetry flags | head`) is a normal end, not a crash.
process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1))

function recordedAnswer(args) {
  if (args.length !== 1) return undefined
  let answers
  try {
    answers = JSON.parse(readFileSync(new URL('../dist/answers.json', import.meta.url), 'utf8'))
  } catch {
    return undefined
  }
  if (args[0] === '--help' || args[0] === '-h') return answers.help
  if (args[0] === '--version' || args[0] === '-v') {
    return `${answers.version} ${process.platform}-${process.arch} node-${process.version}\n`
  }
  return undefined
}

const args = process.argv.slice(2)
const answer = recordedAnswer(args)
if (answer !== undefined) {
  process.stdout.write(answer)
} else {
  const { loadBundle } = await import('./load.mjs')
  const loaded = loadBundle()
  if (!loaded) {
    process.stderr.write('baqup-telemetry: not built; run "pnpm build" first\n')
    process.exit(2)
  }
  process.exitCode = await loaded.main(args)
}
