// publint and Are the Types Wrong, run on the tarballs themselves: what is checked is what ships.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { root } from './tarballs.mjs'

const exec = ([tool, ...args]) => execFileSync(join(root, 'node_modules', '.bin', tool), args, { stdio: 'inherit' })

export function lintTarball(tarball) {
  exec(['publint', 'run', tarball, '--strict'])
  // The packages are ESM only (Node ≥ 20.19 also loads them with require()): a CommonJS consumer
  // resolving to ESM is what they are, not a fault. No @types look-up on the registry.
  exec(['attw', tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--no-definitely-typed', '--format', 'table-flipped'])
}
