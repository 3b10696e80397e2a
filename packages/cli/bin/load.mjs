// Loads dist/main.cjs with V8's code cache when one matches (V8 checks it and falls back to a
// normal compile otherwise), and records that cache at build time.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'

const bundle = fileURLToPath(new URL('../dist/main.cjs', import.meta.url))
const cacheFile = `${bundle}.cache`

function readOrUndefined(path, encoding) {
  try {
    return readFileSync(path, encoding)
  } catch {
    return undefined
  }
}

/** The bundle's exports ({ main }), or undefined when it is not built. */
export function loadBundle() {
  const source = readOrUndefined(bundle, 'utf8')
  if (source === undefined) return undefined
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`
  const script = new Script(wrapped, { filename: bundle, cachedData: readOrUndefined(cacheFile) })
  const module = { exports: {} }
  script.runInThisContext()(
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    fileURLToPath(new URL('../dist/', import.meta.url)),
  )
  return { exports: module.exports, script }
}

/**
 * Runs `args` once in this process (output discarded, state in a throw-away folder), then writes
 * the code cache of everything that ran.
 */
export async function writeCodeCache(args) {
  const loaded = loadBundle()
  const scratch = mkdtempSync(join(tmpdir(), 'baqup-telemetry-build-'))
  const write = process.stdout.write
  process.env.BAQUP_TELEMETRY_STATE = join(scratch, 'telemetry.json')
  process.stdout.write = () => true
  try {
    await loaded.exports.main(args)
  } finally {
    process.stdout.write = write
    delete process.env.BAQUP_TELEMETRY_STATE
    rmSync(scratch, { recursive: true, force: true })
  }
  writeFileSync(cacheFile, loaded.script.createCachedData())
}
