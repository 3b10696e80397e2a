// Bundles the CLI into one CommonJS file, dist/main.cjs, then records V8's code cache for it
// (dist/main.cjs.cache) by running one representative command: Node 20 has no compile cache of
// its own, and compiling the bundle is a fifth of a cold start. Commands and heavy dependencies
// (the HTTP client, TOML) stay lazily evaluated inside the bundle.
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { writeCodeCache } from './bin/load.mjs'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const dist = new URL('./dist/', import.meta.url)
rmSync(dist, { recursive: true, force: true })

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  // Loaded from node_modules by the commands that need them only: the bundle the other commands
  // read and compile stays small. `import()` becomes `require()`, which vm.Script supports.
  external: ['undici', '@iarna/toml'],
  // yaml's Node build reads process.env.LOG_TOKENS for every token (a third of the parse time
  // of a large file); its browser build is the same parser without that debug switch.
  alias: { yaml: fileURLToPath(new URL('../browser/index.js', import.meta.resolve('yaml'))) },
  supported: { 'dynamic-import': false },
  minify: true,
  define: {
    'import.meta.url': '__bundleURL',
    __BAQUP_VERSION__: JSON.stringify(version),
    __BAQUP_BUILD_DATE__: JSON.stringify(new Date().toISOString().slice(0, 10)),
  },
  banner: { js: "const __bundleURL = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
}).catch(() => process.exit(1))

const example = fileURLToPath(new URL('../../examples/baqup.full.yaml', import.meta.url))
await writeCodeCache(['inspect', '--json', `--configFile=${example}`])
