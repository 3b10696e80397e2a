// Bundles the CLI into CommonJS chunks in dist/: main.cjs (argument parsing, help, --version), one
// chunk per command, and the chunks they share (the schema, the YAML parser, …), so that a command
// evaluates only what it needs. Then records V8's code cache of each chunk (dist/*.cjs.cache) by
// running representative commands: Node 20 has no compile cache of its own, and compiling is a
// large part of a cold start. bin/load.mjs loads the chunks with their caches.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { build, transform } from 'esbuild'
import { runInProcess, writeCodeCache } from './bin/load.mjs'
import { directImports } from './build-imports.mjs'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const dist = new URL('./dist/', import.meta.url)
rmSync(dist, { recursive: true, force: true })
mkdirSync(dist)

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  // yaml's Node build reads process.env.LOG_TOKENS for every token (a third of the parse time
  // of a large file); its browser build is the same parser without that debug switch.
  alias: { yaml: fileURLToPath(new URL('../browser/index.js', import.meta.resolve('yaml'))) },
  logLevel: 'warning',
}

/** Evaluates a module of this package's sources now, at build time, and returns its exports. */
async function evaluateAtBuild(contents) {
  const { outputFiles } = await build({
    ...common,
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    format: 'cjs',
    // Read by the TOML loader only, which nothing evaluated here calls.
    define: { 'import.meta.url': JSON.stringify(import.meta.url) },
    write: false,
  })
  const module = { exports: {} }
  new Function('module', 'exports', 'require', outputFiles[0].text)(
    module,
    module.exports,
    createRequire(import.meta.url),
  )
  return module.exports
}

// Known here from the schema, so that no command needs to build it for them: the root option
// names of every release (what tells a configuration flag from the CLI's own) and the option list (`flags`, `completion`).
const { roots, options } = await evaluateAtBuild(`
  import { listOptions, walk } from '@baqup/core'
  import { allReleasesSchema, staticConfigSchema } from '@baqup/schemas'
  export const roots = Object.keys(allReleasesSchema().shape)
  export const options = listOptions(walk(staticConfigSchema))
`)
const optionsJSON = JSON.stringify(options)
if (!isDeepStrictEqual(JSON.parse(optionsJSON), options))
  throw new Error('build: the option list does not survive JSON')

// esbuild splits ES modules only: split them, then turn each chunk into CommonJS (its imports into
// require() of the sibling chunks), which bin/load.mjs compiles with a code cache.
const { outputFiles } = await build({
  ...common,
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.cjs' },
  plugins: [directImports(fileURLToPath(new URL('./src/', import.meta.url)))],
  chunkNames: '[name]-[hash]',
  // Loaded from node_modules by the commands that need them only.
  external: ['undici', '@iarna/toml'],
  minify: true,
  write: false,
  define: {
    'import.meta.url': '__bundleURL',
    __BAQUP_VERSION__: JSON.stringify(version),
    __BAQUP_BUILD_DATE__: JSON.stringify(new Date().toISOString().slice(0, 10)),
    __BAQUP_CONFIG_ROOTS__: JSON.stringify(roots),
    __BAQUP_OPTIONS_JSON__: JSON.stringify(optionsJSON),
  },
}).catch(() => process.exit(1))

for (const file of outputFiles) {
  const { code } = await transform(file.text, {
    format: 'cjs',
    target: 'node20',
    // `import()` becomes `require()`, which the chunks' loader provides.
    supported: { 'dynamic-import': false },
    minify: true,
    banner: "const __bundleURL = require('node:url').pathToFileURL(__filename).href;",
  })
  writeFileSync(file.path, code)
}

const example = fileURLToPath(new URL('../../examples/baqup.full.yaml', import.meta.url))
await runInProcess(['inspect', '--json', `--configFile=${example}`])
await runInProcess(['flags', '--json'])
const helpRun = await runInProcess(['--help'])
const versionRun = await runInProcess(['--version'])
writeCodeCache()

// `--help` and `--version` alone are answered by the bin from these, without loading the bundle.
// The version line ends with the platform the bin runs on, which it adds itself.
const platform = ` ${process.platform}-${process.arch} node-${process.version}\n`
if (helpRun.code !== 0 || versionRun.code !== 0 || !versionRun.output.endsWith(platform)) {
  throw new Error(`build: unexpected --help or --version answer: ${JSON.stringify(versionRun)}`)
}
const answers = { help: helpRun.output, version: versionRun.output.slice(0, -platform.length) }
writeFileSync(new URL('answers.json', dist), `${JSON.stringify(answers)}\n`)
