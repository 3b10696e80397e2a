#!/usr/bin/env node
import { loadBundle } from './load.mjs'

// A closed pipe (`baqup-telemetry flags | head`) is a normal end, not a crash.
process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1))

const loaded = loadBundle()
if (!loaded) {
  process.stderr.write('baqup-telemetry: not built; run "pnpm build" first\n')
  process.exit(2)
}
process.exitCode = await loaded.exports.main(process.argv.slice(2))
