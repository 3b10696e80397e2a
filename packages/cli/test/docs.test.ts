import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './run-cli.js'

describe('generated documentation', () => {
  it('docs/static-configuration.md and docs/data-collection.md match the schema (pnpm docs:generate)', () => {
    const result = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
