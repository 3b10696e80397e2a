// Bundles the CLI into dist/ so that it starts fast: one ESM entry plus lazily loaded chunks.
import { readFileSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true })

await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  // CommonJS dependencies bundled into ESM need a require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  define: {
    __BAQUP_VERSION__: JSON.stringify(version),
    __BAQUP_BUILD_DATE__: JSON.stringify(new Date().toISOString().slice(0, 10)),
  },
  logLevel: 'warning',
}).catch(() => process.exit(1))
