#!/usr/bin/env node
import { existsSync } from 'node:fs'

process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1))

const entry = new URL('../dist/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('baqup-collector: not built; run "pnpm build" first\n')
  process.exit(2)
}
const { main } = await import(entry.href)
process.exitCode = await main(process.argv.slice(2))
