// Loads the CLI's CommonJS chunks (dist/main.cjs and those it requires on demand), each with
// V8's code cache when one matches (V8 checks it and falls back to a normal compile otherwise),
// and records those caches at build time.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const entry = join(dist, 'main.cjs')
const requireInstalled = createRequire(entry)

function readOrUndefined(path, encoding) {
  try {
    return readFileSync(path, encoding)
  } catch {
    return undefined
  }
}

const wrap = (source) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`

/** The chunks loaded so far, by file: their compiled script and module. */
const chunks = new Map()

/** A chunk's siblings (`./flags.cjs`) are chunks too; anything else comes from node_modules. */
function requireFromChunk(specifier) {
  return specifier.startsWith('./') && specifier.endsWith('.cjs')
    ? loadChunk(join(dist, specifier)).exports
    : requireInstalled(specifier)
}

function loadChunk(file) {
  const loaded = chunks.get(file)
  if (loaded) return loaded.module
  const source = readFileSync(file, 'utf8')
  const script = new Script(wrap(source), { filename: file, cachedData: readOrUndefined(`${file}.cache`) })
  const module = { exports: {} }
  // Registered before it runs, as Node does, should two chunks require each other.
  chunks.set(file, { script, module })
  script.runInThisContext()(module.exports, requireFromChunk, module, file, dist)
  return module
}

/** The entry chunk's exports ({ main }), or undefined when the CLI is not built. */
export function loadBundle() {
  if (!existsSync(entry)) return undefined
  return loadChunk(entry).exports
}

/** Runs the CLI once in this process, its state in a throw-away folder; returns its exit code and output. */
export async function runInProcess(args) {
  const { main } = loadBundle()
  const scratch = mkdtempSync(join(tmpdir(), 'baqup-telemetry-build-'))
  const write = process.stdout.write
  let output = ''
  process.env.BAQUP_TELEMETRY_STATE = join(scratch, 'telemetry.json')
  process.stdout.write = (chunk) => {
    output += chunk
    return true
  }
  try {
    return { code: await main(args), output }
  } finally {
    process.stdout.write = write
    delete process.env.BAQUP_TELEMETRY_STATE
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * Writes the code cache of every chunk: of everything that ran so far in the chunks loaded
 * (see {@link runInProcess}), of their top level in the others.
 */
export function writeCodeCache() {
  for (const name of readdirSync(dist).filter((name) => name.endsWith('.cjs'))) {
    const file = join(dist, name)
    const script = chunks.get(file)?.script ?? new Script(wrap(readFileSync(file, 'utf8')), { filename: file })
    writeFileSync(`${file}.cache`, script.createCachedData())
  }
}
