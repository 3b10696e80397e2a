import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { createCollector } from '../../src/server/app.js'
import type { Store } from '../../src/store/store.js'
import { describeEngines, engines, everythingStored, storesOf } from '../support/engines.js'
import { anonymized, hashOf, report } from '../support/reports.js'

/**
 * Published version text: `version` is a closed set, `dev` or a release the collector knows. Any
 * other text (a host name in a pre-release part, a release no one made) is refused `unknown-version`,
 * counted, and never reaches the store, hence never a public answer.
 */

const PLANTED = '3.7.0-db.prod.example.com'
const NOW = Date.parse('2025-03-15T12:00:00Z')
const config = anonymized({ log: { level: 'INFO' } })

let folder: string
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'attack-version-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function collectorOn(store: Store, settings: Record<string, unknown> = {}, clock = { time: NOW }) {
  const parsed = collectorConfigSchema.parse({ store: 'unused', ...settings })
  const collector = createCollector({
    config: parsed,
    store,
    now: () => new Date(clock.time),
  })
  let n = 0
  const send = async (version: string) => {
    const answer = await collector.app.inject({
      method: 'POST',
      url: '/',
      payload: report(config, { version, hash: hashOf(`${version} ${n++}`) }),
    })
    return { status: answer.statusCode, code: answer.statusCode === 200 ? 'ok' : answer.json().error.code }
  }
  return { collector, send }
}

describeEngines('published version text on $name', (engine) => {
  const open = storesOf(engine)

  it('with a releases file: its releases and dev are accepted, any other version is refused unknown-version', async () => {
    const releases = join(folder, `releases-${engine.name}.json`)
    const tags = ['v3.7.0', 'v3.8.0-rc.1', 'not-a-tag', 'v3.9.0']
    writeFileSync(
      releases,
      JSON.stringify(tags.map((tag) => ({ tag_name: tag, draft: tag === 'v3.9.0', prerelease: tag.includes('-') }))),
    )
    const store = await open('file_list')
    const { collector, send } = collectorOn(store, { releases })
    const verdicts = Object.fromEntries(
      await Promise.all(
        ['3.7.0', '3.8.0-rc.1', 'dev', PLANTED, '3.6.0', '3.9.0', 'not-a-tag', 'v3.7.0'].map(
          async (version) => [version, await send(version)] as const,
        ),
      ),
    )
    await collector.close()
    expect(verdicts).toEqual({
      '3.7.0': { status: 200, code: 'ok' },
      '3.8.0-rc.1': { status: 200, code: 'ok' },
      dev: { status: 200, code: 'ok' },
      [PLANTED]: { status: 422, code: 'unknown-version' },
      // Known to no client: not released (a draft is not a release).
      '3.6.0': { status: 422, code: 'unknown-version' },
      '3.9.0': { status: 422, code: 'unknown-version' },
      // Not even a version: the field's shape.
      'not-a-tag': { status: 400, code: 'bad-field' },
      // Clients send the tag without its `v`, as semver's canonical form (`baqupVersion` in the CLI).
      'v3.7.0': { status: 422, code: 'unknown-version' },
    })
    expect((await store.stats()).refused).toMatchObject({ 'unknown-version': 4, 'bad-field': 1 })
    expect(await everythingStored(store)).not.toContain('example.com')
  })

  it('with no release list: only MAJOR.MINOR.PATCH, each part under 1000, and dev', async () => {
    const store = await open('no_list')
    const { collector, send } = collectorOn(store)
    const verdicts = Object.fromEntries(
      await Promise.all(
        ['3.7.0', '999.999.999', 'dev', PLANTED, '3.7.0-rc.1', '3.7.0+build', '1000.0.0', '3.1000.0'].map(
          async (version) => [version, (await send(version)).code] as const,
        ),
      ),
    )
    await collector.close()
    expect(verdicts).toEqual({
      '3.7.0': 'ok',
      '999.999.999': 'ok',
      dev: 'ok',
      [PLANTED]: 'unknown-version',
      '3.7.0-rc.1': 'unknown-version',
      '3.7.0+build': 'unknown-version',
      '1000.0.0': 'unknown-version',
      '3.1000.0': 'unknown-version',
    })
    expect((await store.stats()).refused).toMatchObject({ 'unknown-version': 5 })
    expect(await everythingStored(store)).not.toContain('example.com')
  })
})

describe('published version text, with an upstream', () => {
  let server: Server
  const upstream = { tags: ['v3.7.0'], hits: 0 }
  let url: string
  beforeAll(async () => {
    server = createServer((_request, response) => {
      upstream.hits++
      const list = upstream.tags.map((tag) => ({ tag_name: tag, draft: false, prerelease: false }))
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('refreshes the list on a miss at most once a minute, then knows the new release', async () => {
    const [engine] = engines()
    if (!engine) throw new Error('no engine')
    await engine.start()
    const store = await engine.open('upstream')
    const clock = { time: NOW }
    const { collector, send } = collectorOn(store, { releasesUpstream: url }, clock)
    expect((await send('3.7.0')).code).toBe('ok')
    expect(upstream.hits).toBe(1)
    upstream.tags = ['v3.8.0', 'v3.7.0']
    // The list was read a moment ago: misses within the minute do not ask again.
    for (let i = 0; i < 5; i++) expect((await send('3.8.0')).code).toBe('unknown-version')
    for (let i = 0; i < 5; i++) expect((await send(PLANTED)).code).toBe('unknown-version')
    expect(upstream.hits).toBe(1)
    clock.time += 61_000
    expect((await send('3.8.0')).code).toBe('ok')
    expect(upstream.hits).toBe(2)
    // A planted version a minute later asks once more, and is refused all the same.
    clock.time += 61_000
    expect((await send(PLANTED)).code).toBe('unknown-version')
    expect((await send(PLANTED)).code).toBe('unknown-version')
    expect(upstream.hits).toBe(3)
    await collector.close()
    await store.close()
    await engine.stop()
  })
})
