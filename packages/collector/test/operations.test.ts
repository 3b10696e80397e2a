import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../src/config/schema.js'
import { type Collector, createCollector } from '../src/server/app.js'
import { openDuckDB } from '../src/store/duckdb.js'
import type { Batch, Store } from '../src/store/store.js'
import { capturedLog } from './support/log.js'
import { report } from './support/reports.js'

/** A real DuckDB store whose writes the test can make fail or wait. */
function controlledStore(store: Store) {
  const control = { failing: false, delayMs: 0 }
  const controlled: Store = Object.create(store)
  controlled.write = async (batch: Batch) => {
    if (control.delayMs) await new Promise((resolve) => setTimeout(resolve, control.delayMs))
    if (control.failing) throw new Error('disk full')
    return store.write(batch)
  }
  return { store: controlled, control }
}

let folder: string
let real: Store
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'collector-operations-'))
  real = await openDuckDB(join(folder, 'collector.duckdb'))
})
afterAll(async () => {
  await real?.close()
  rmSync(folder, { recursive: true, force: true })
})

function collectorOn(store: Store, now?: () => Date): Collector {
  const config = collectorConfigSchema.parse({ store: 'unused' })
  return createCollector({ config, store, ...(now && { now }) })
}

const ONE_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } }

describe('error answers', () => {
  it.each([
    ['an unknown route', 'GET', '/nowhere', {}, undefined, 404],
    ['a method a route does not have', 'DELETE', '/', {}, undefined, 404],
    ['a malformed JSON body', 'POST', '/', { 'content-type': 'application/json' }, '{"version": postgres://a', 400],
    ['a JSON body on a statistics route', 'POST', '/api/v1/summary', { 'content-type': 'application/json' }, '{', 400],
    ['a bad percent-encoding', 'GET', '/api/v1/options/%E0%A4%A', {}, undefined, 400],
  ])(
    '%s gets {"error":{"code","message"}} and never the request text',
    async (_, method, url, headers, payload, status) => {
      const collector = collectorOn(real)
      const answer = await collector.app.inject({ method: method as 'GET', url, headers, payload })
      await collector.close()
      expect(answer.statusCode).toBe(status)
      const body = answer.json()
      expect(body).toEqual(ONE_SHAPE)
      expect(answer.body).not.toContain('postgres')
    },
  )

  it("answers a request Node's parser refuses in the same shape", async () => {
    const collector = collectorOn(real)
    const base = new URL(await collector.app.listen({ host: '127.0.0.1', port: 0 }))
    const text = await new Promise<string>((resolve) => {
      let received = ''
      const socket = connect(Number(base.port), '127.0.0.1', () => socket.write('GARBAGE / HTTP/1.1\r\n\r\n'))
      socket.on('data', (chunk) => {
        received += chunk
      })
      socket.on('close', () => resolve(received))
    })
    await collector.close()
    expect(text).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual(ONE_SHAPE)
  })
})

describe('while closing', () => {
  it('answers a request that arrives on an open connection 503, with Retry-After, in the one shape', async () => {
    const { store, control } = controlledStore(real)
    control.delayMs = 400
    const collector = collectorOn(store)
    const base = new URL(await collector.app.listen({ host: '127.0.0.1', port: 0 }))
    const body = JSON.stringify(report({ log: { level: 'DEBUG' } }))
    const post = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`
    const get = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'
    let received = ''
    const socket = connect(Number(base.port), '127.0.0.1')
    socket.on('data', (chunk) => {
      received += chunk
    })
    const closed = new Promise((resolve) => socket.on('close', resolve))
    socket.write(post)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const closing = collector.close()
    socket.write(get)
    await Promise.all([closing, closed])
    const answers = received.split(/(?=HTTP\/1\.1 )/)
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200 /)
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /)
    expect(answers[1]).toMatch(/\r\nretry-after: \d+\r\n/i)
    expect(JSON.parse(answers[1]?.slice(answers[1].indexOf('\r\n\r\n') + 4) ?? '')).toEqual({
      error: { code: 'closing', message: expect.any(String) },
    })
  })
})

describe('/readyz', () => {
  it('is 503 while the last group commit failed, and ready again once one succeeds', async () => {
    const { store, control } = controlledStore(real)
    const collector = collectorOn(store)
    const ready = async () => (await collector.app.inject({ url: '/readyz' })).statusCode
    const send = (level: string) =>
      collector.app.inject({ method: 'POST', url: '/', payload: report({ log: { level } }) })
    expect(await ready()).toBe(200)
    control.failing = true
    const refused = await send('DEBUG')
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['retry-after']).toBeDefined()
    expect(await ready()).toBe(503)
    expect((await collector.app.inject({ url: '/readyz' })).json()).toEqual({
      error: { code: 'not-ready', message: 'the last write to the store failed' },
    })
    control.failing = false
    expect((await send('INFO')).statusCode).toBe(200)
    expect(await ready()).toBe(200)
    await collector.close()
  })

  it('out of rotation, with nothing to commit, is tried again once the Retry-After is over and the store answers', async () => {
    const { store, control } = controlledStore(real)
    let time = Date.parse('2025-03-01T12:00:00Z')
    const collector = collectorOn(store, () => new Date(time))
    const ready = async () => (await collector.app.inject({ url: '/readyz' })).statusCode
    control.failing = true
    const refused = await collector.app.inject({
      method: 'POST',
      url: '/',
      payload: report({ log: { level: 'WARN' } }),
    })
    expect(refused.statusCode).toBe(503)
    const retryAfter = Number(refused.headers['retry-after'])
    time += (retryAfter - 1) * 1000
    expect(await ready()).toBe(503)
    time += 1000
    expect(await ready()).toBe(200)
    await collector.close()
  })
})

describe('a store outage in the log', () => {
  it('is one line when it starts and one with the count when it ends, not one per failed commit', async () => {
    const { store, control } = controlledStore(real)
    const log = capturedLog()
    const config = collectorConfigSchema.parse({ store: 'unused' })
    const collector = createCollector({ config, store, logger: log.logger })
    const send = (n: number) =>
      collector.app.inject({
        method: 'POST',
        url: '/',
        payload: report({ log: { level: 'DEBUG' } }, { hash: String(n).padStart(64, '0') }),
      })
    control.failing = true
    for (let n = 0; n < 20; n++) expect((await send(n)).statusCode).toBe(503)
    control.failing = false
    expect((await send(20)).statusCode).toBe(200)
    await collector.close()
    const outage = log.events().filter((line) => line.event !== 'request')
    expect(outage).toEqual([
      { event: 'store-failing', burst: 'started', source: 'commit', problem: 'disk full' },
      { event: 'store-failing', burst: 'ended', failures: { commit: 20 }, seconds: expect.any(Number) },
    ])
  })

  it("counts the ClickHouse client's own warnings and errors into the burst, never their arguments", async () => {
    const { burstLog, clickhouseLogger } = await import('../src/server/burst-log.js')
    const log = capturedLog()
    let time = 0
    const burst = burstLog(log.logger, 'store-failing', {
      now: () => time,
      everyMs: 10_000,
    })
    const Logger = clickhouseLogger(burst)
    const logger = new Logger()
    for (let n = 0; n < 1000; n++) {
      time += 25
      logger.error({
        module: 'Connection',
        message: 'Unexpected socket error',
        err: new Error('ECONNREFUSED'),
        args: { query: 'INSERT secret' },
      })
      logger.warn({ module: 'Connection', message: 'retrying' })
      logger.info({ module: 'Connection', message: 'chatter' })
    }
    burst.succeeded()
    const lines = log.events()
    expect(lines).toHaveLength(4)
    expect(lines[0]).toEqual({
      event: 'store-failing',
      burst: 'started',
      source: 'clickhouse-client',
      problem: 'Unexpected socket error: ECONNREFUSED',
    })
    expect(lines.slice(1, 3).map((line) => line.burst)).toEqual(['continues', 'continues'])
    expect(lines[3]).toMatchObject({ burst: 'ended', failures: { 'clickhouse-client': 2000 }, seconds: 25 })
    expect(JSON.stringify(lines)).not.toContain('secret')
  })
})

describe('/metrics', () => {
  it('is not served on the public port', async () => {
    const collector = collectorOn(real)
    const answer = await collector.app.inject({ url: '/metrics' })
    await collector.close()
    expect(answer.statusCode).toBe(404)
  })
})
