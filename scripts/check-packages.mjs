// `pnpm check:packages`: packs the published packages and runs publint and attw on the tarballs,
// after checking that each packed manifest points only at files it ships.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lintTarball } from './pack/lint.mjs'
import { manifestProblems, packAll } from './pack/tarballs.mjs'

const work = mkdtempSync(join(tmpdir(), 'baqup-check-packages-'))
try {
  const packed = packAll(work)
  const problems = packed.flatMap(manifestProblems)
  if (problems.length > 0) throw new Error(problems.join('\n'))
  for (const { tarball } of packed) lintTarball(tarball)
} catch (error) {
  process.stderr.write(`check:packages failed: ${error.message}\n`)
  process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
