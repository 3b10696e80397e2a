import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouse, clickhouseMissing, startClickHouse } from './support/clickhouse.js'
import { type Running, serve, stats } from './support/collector.js'
import { anonymized, post, report } from './support/reports.js'

const SECRET = 'hunter2.example.com'

/** Where a store lives on one engine: a DuckDB file in the test's folder, or a database of a temporary ClickHouse. */
interface Engine {
  readonly name: string
  readonly skip: string | undefined
  start(): Promise<void>
  store(name: string): string
  stop(): Promise<void>
}

let folder: string
let clickhouse: ClickHouse | undefined
const engines: Engine[] = [
  {
    name: 'DuckDB',
    skip: undefined,
    start: async () => {},
    store: (name) => join(folder, `${name}.duckdb`),
    stop: async () => {},
  },
  {
    name: 'ClickHouse',
    skip: clickhouseMissing,
    start: async () => {
      clickhouse = await startClickHouse()
    },
    store: (name) => (clickhouse as ClickHouse).storeURL(name),
    stop: async () => {
      await clickhouse?.remove()
    },
  },
]

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'collector-server-'))
})

afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe.each(engines)('$name', (engine) => {
  if (engine.skip) {
    it.skip(`runs against ${engine.name} (${engine.skip})`, () => {})
    return
  }
  let store: string
  let releases: string
  let collector: Running

  beforeAll(async () => {
    await engine.start()
    store = engine.store('collector')
    releases = join(folder, `releases-${engine.name}.json`)
    writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.1.0', draft: false, prerelease: false }]))
    // A thousand installations from 127.0.0.1 below: the per-network cap is raised out of the way.
    collector = await serve([`--store=${store}`, `--releases=${releases}`, '--max-installations-per-network=100000'])
  }, 60_000)

  afterAll(async () => {
    await collector?.stop()
    await engine.stop()
  })

  const refusals: [string, () => Promise<{ status: number; body: Record<string, any> }>, number][] = [
    ['bad-json', () => post(collector.url, '{"version": '), 400],
    ['bad-field', () => post(collector.url, { ...report({}), extra: 1 }), 400],
    ['bad-field', () => post(collector.url, report({}, { version: 'three' })), 400],
    ['bad-field', () => post(collector.url, report({}, { buildDate: 'yesterday' })), 400],
    ['bad-field', () => post(collector.url, report({}, { hash: 'abc' })), 400],
    ['bad-field', () => post(collector.url, report({}, { version: 3 })), 400],
    ['bad-field', () => post(collector.url, report({}, { configuration: '***' })), 400],
    ['bad-field', () => post(collector.url, report({}, { configuration: Buffer.from('[1]').toString('base64') })), 400],
    ['bad-content-type', () => post(collector.url, report({}), { 'content-type': 'text/plain' }), 415],
    ['bad-configuration', () => post(collector.url, report({ log: { level: 42 } })), 422],
  ]

  describe('POST /', () => {
    it.each(refusals)('refuses with %s', async (code, send, status) => {
      const answer = await send()
      expect(answer.status).toBe(status)
      expect(answer.body.error.code).toBe(code)
    })

    it('refuses a configuration that is not anonymized, naming paths and never values', async () => {
      const config = { providers: { docker: { endpoint: `tcp://${SECRET}:2375` } }, entryPoints: { [SECRET]: {} } }
      const answer = await post(collector.url, report(config))
      expect(answer.status).toBe(422)
      expect(answer.body.error).toMatchObject({ code: 'not-anonymized' })
      expect(answer.body.error.paths).toEqual(['entryPoints.<name>', 'providers.docker.endpoint'])
      expect(JSON.stringify(answer.body)).not.toContain(SECRET)
      expect(collector.stderr()).not.toContain(SECRET)
    })

    it('accepts an anonymized configuration after it is stored', async () => {
      const config = anonymized({ entryPoints: { web: { address: ':80' } }, providers: { docker: { endpoint: 'x' } } })
      const answer = await post(collector.url, report(config))
      expect(answer).toMatchObject({ status: 200, body: { ok: true } })
    })

    it('answers 413 to a 10 MiB body without reading it', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const sent = request(`${collector.url}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
        })
        sent.on('response', (answer) => resolve(answer.statusCode ?? 0))
        sent.on('error', reject)
        // The first 64 KiB only: a server that waited for the rest would never answer.
        sent.write(Buffer.alloc(64 * 1024, 0x20))
      })
      expect(status).toBe(413)
    })

    it('cuts off a client that sends one byte a second', { timeout: 30_000 }, async () => {
      const impatient = await serve([`--store=${engine.store('impatient')}`, '--request-timeout=1500'])
      const { port, hostname } = new URL(impatient.url)
      const closed = await new Promise<{ answer: string; bytesSent: number }>((resolve) => {
        const socket = connect(Number(port), hostname)
        let answer = ''
        const body = JSON.stringify(report({}))
        socket.write(
          `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        )
        let sent = 0
        const timer = setInterval(() => {
          if (!socket.destroyed && sent < body.length) socket.write(body[sent++] as string)
        }, 1000)
        socket.on('data', (chunk) => {
          answer += chunk
        })
        socket.on('error', () => {})
        socket.on('close', () => {
          clearInterval(timer)
          resolve({ answer, bytesSent: sent })
        })
      })
      await impatient.stop()
      expect(closed.bytesSent).toBeLessThan(JSON.stringify(report({})).length)
      expect(closed.answer === '' || closed.answer.startsWith('HTTP/1.1 408')).toBe(true)
    })

    it('answers 1 000 concurrent connections', { timeout: 120_000 }, async () => {
      const config = anonymized({ log: { level: 'DEBUG' } })
      const answers = await Promise.all(
        Array.from({ length: 1000 }, (_, index) =>
          post(collector.url, report(config, { hash: index.toString(16).padStart(64, '0') }), { connection: 'close' }),
        ),
      )
      expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([])
    })
  })

  describe('GET /repos/baqupio/baqup/releases', () => {
    it('serves the file, reloaded when it changes, and counts each request by version', async () => {
      const first = await fetch(`${collector.url}/repos/baqupio/baqup/releases`, {
        headers: { 'user-agent': 'baqup/3.0.0' },
      })
      expect(await first.json()).toEqual([{ tag_name: 'v3.1.0', draft: false, prerelease: false }])
      writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.2.0', draft: false, prerelease: false }]))
      const second = await fetch(`${collector.url}/repos/baqupio/baqup/releases`, {
        headers: { 'user-agent': 'baqup/3.0.0' },
      })
      expect(await second.json()).toEqual([{ tag_name: 'v3.2.0', draft: false, prerelease: false }])
    })
  })

  describe('operations', () => {
    it('answers /healthz and /readyz, and /metrics on its own listener only', async () => {
      expect((await fetch(`${collector.url}/healthz`)).status).toBe(200)
      expect((await fetch(`${collector.url}/readyz`)).status).toBe(200)
      const publicMetrics = await fetch(`${collector.url}/metrics`)
      expect(publicMetrics.status).toBe(404)
      expect(await publicMetrics.json()).toEqual({ error: { code: 'not-found', message: 'no such route' } })
      const metrics = await (await fetch(collector.metricsURL)).text()
      expect(metrics).toMatch(/collector_reports_refused_total\{code="not-anonymized"\} 1/)
      expect(metrics).toMatch(/collector_store_commit_seconds_count \d+/)
    })

    it('keeps the counts, the refusals by code, and no secret, once closed', async () => {
      expect(await collector.stop('SIGTERM')).toBe(0)
      const counted = await stats(store)
      expect(counted).toMatchObject({ reports: 1001, installations: 1001, versionChecks: 2 })
      expect(counted.refused).toMatchObject({ 'bad-json': 1, 'bad-field': 7, 'bad-content-type': 1, 'too-large': 1 })
      expect(counted.refused['not-anonymized']).toBe(1)
      expect(counted.refused['bad-configuration']).toBe(1)
    })
  })
})
