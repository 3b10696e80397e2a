import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { createCollector } from '../../src/server/app.js'
import type { Store } from '../../src/store/store.js'
import { describeEngines, everythingStored, storesOf } from '../support/engines.js'

/**
 * User-Agent text: a version check counts under the version of `User-Agent: baqup/<version>` only
 * when that version is `dev` or a release the collector knows; anything else counts as `other`.
 * The header itself is never stored, so a check from ten networks cannot publish an address.
 */

const NOW = new Date('2025-03-15T12:00:00Z')
const PLANTED = 'alice@example.com'

let folder: string
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'attack-user-agent-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describeEngines('User-Agent text on $name', (engine) => {
  const open = storesOf(engine)

  it.each([
    ['a releases file', true],
    ['no release list', false],
  ])(
    'with %s: a planted User-Agent version from ten networks counts as other, the header is never stored',
    async (_, withFile) => {
      const store = await open(withFile ? 'agent_file' : 'agent_none')
      const releases = join(folder, `releases-${engine.name}.json`)
      writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.7.0', draft: false, prerelease: false }]))
      const collector = createCollector({
        config: collectorConfigSchema.parse({ store: 'unused', ...(withFile && { releases }) }),
        store,
        now: () => NOW,
      })
      const check = (agent: string | undefined, network: number) =>
        collector.app.inject({
          method: 'GET',
          url: '/repos/baqupio/baqup/releases',
          headers: agent === undefined ? {} : { 'user-agent': agent },
          remoteAddress: `198.51.${network}.7`,
        })
      const agents = [
        `baqup/${PLANTED}`,
        'baqup/3.7.0-db.prod.example.com',
        'baqup/=1+1',
        'baqup/3.7.0',
        'baqup/dev',
        'curl/8.0 (example.com)',
        undefined,
      ]
      for (let network = 0; network < 10; network++) {
        for (const agent of agents) await check(agent, network)
      }
      await collector.close()
      const counted = await store.query(
        'SELECT version, count(*) AS checks, count(DISTINCT network) AS networks FROM version_checks GROUP BY version ORDER BY version',
      )
      expect(counted.map((row) => [row.version, Number(row.checks), Number(row.networks)])).toEqual([
        ['3.7.0', 10, 10],
        ['dev', 10, 10],
        ['other', 50, 10],
      ])
      const stored = await everythingStored(store)
      for (const planted of [PLANTED, 'example.com', 'baqup/', '=1+1', 'curl']) expect(stored).not.toContain(planted)
    },
  )
})
