import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

/** The uid of a user who is not root: file permissions hold for it. Root bypasses them. */
const NOBODY = 65534
const runsAsRoot = process.getuid?.() === 0

/** Gives a path to the user the unprivileged script runs as (a no-op when the tests do not run as root). */
export function ownedByRunner(path: string): void {
  if (runsAsRoot) chownSync(path, NOBODY, NOBODY)
}

/**
 * Runs an ES module as a user whom file permissions bind, so that tests of read-only folders
 * and unreadable files also run as root (as CI does). The module may import `./state.mjs`, the
 * state module bundled from source; what it prints on stdout is returned, parsed as JSON.
 */
export function runUnprivileged(script: string): unknown {
  const folder = mkdtempSync(join(tmpdir(), 'baqup-unprivileged-'))
  chmodSync(folder, 0o755)
  buildSync({
    entryPoints: [fileURLToPath(new URL('../../src/state/state.ts', import.meta.url))],
    outfile: join(folder, 'state.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  })
  writeFileSync(join(folder, 'script.mjs'), script)
  const result = spawnSync(process.execPath, [join(folder, 'script.mjs')], {
    encoding: 'utf8',
    ...(runsAsRoot && { uid: NOBODY, gid: NOBODY }),
  })
  if (result.status !== 0) throw new Error(`unprivileged script failed: ${result.stderr}`)
  return JSON.parse(result.stdout)
}
