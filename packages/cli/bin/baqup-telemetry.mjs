#!/usr/bin/env node
// A closed pipe (`baqup-telemetry flags | head`) is a normal end, not a crash.
process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1))

const entry = new URL('../dist/main.js', import.meta.url)
const { main } = await import(entry.href).catch((error) => {
  process.stderr.write(`baqup-telemetry: not built (${error.code ?? error.message}); run "pnpm build" first\n`)
  process.exit(2)
})
process.exitCode = await main(process.argv.slice(2))
