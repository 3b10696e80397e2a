import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { type Collector, type CollectorOptions, createCollector } from '../../src/server/app.js'
import { openClickHouse } from '../../src/store/clickhouse.js'
import { openDuckDB } from '../../src/store/duckdb.js'
import type { Store } from '../../src/store/store.js'
import { TABLES } from '../../src/store/tables.js'
import { type ClickHouse, clickhouseMissing, startClickHouse } from './clickhouse.js'

/** The two engines, each opening fresh stores: a suite runs once per engine (`describe.each(ENGINES)`). */
export interface Engine {
  name: string
  /** Why the engine cannot run here, if it cannot. */
  skip?: string
  start(): Promise<void>
  /** A new, empty store. */
  open(name: string): Promise<Store>
  stop(): Promise<void>
}

function duckdb(): Engine {
  let folder: string | undefined
  return {
    name: 'DuckDB',
    async start() {
      folder = mkdtempSync(join(tmpdir(), 'collector-engine-'))
    },
    open: (name) => openDuckDB(join(folder as string, `${name}.duckdb`)),
    async stop() {
      if (folder) rmSync(folder, { recursive: true, force: true })
    },
  }
}

function clickhouse(): Engine {
  let server: ClickHouse | undefined
  return {
    name: 'ClickHouse',
    skip: clickhouseMissing,
    async start() {
      server = await startClickHouse()
    },
    open: (name) => openClickHouse((server as ClickHouse).storeURL(name.replace(/\W/g, '_'))),
    async stop() {
      await server?.remove()
    },
  }
}

export const engines = (): Engine[] => [duckdb(), clickhouse()]

/** A suite once per engine (`$name` in the title); where an engine cannot run, one skipped test that says why. */
export function describeEngines(title: string, suite: (engine: Engine) => void): void {
  describe.each(engines())(title, (engine) => {
    if (engine.skip) {
      it.skip(`runs against ${engine.name} (${engine.skip})`, () => {})
      return
    }
    suite(engine)
  })
}

/** Every row of every table of a store, as one text: what a planted value must never be part of. */
export async function everythingStored(store: Store): Promise<string> {
  const rows = await Promise.all(Object.keys(TABLES).map((table) => store.query(`SELECT * FROM ${table}`)))
  return JSON.stringify(rows)
}

/**
 * Called in a suite of one engine: starts the engine before the suite and stops it after, and
 * returns `open`, a new store that is closed before the engine stops.
 */
export function storesOf(engine: Engine): (name: string) => Promise<Store> {
  const stores: Store[] = []
  beforeAll(() => engine.start(), 90_000)
  afterAll(async () => {
    for (const store of stores) await store.close()
    await engine.stop()
  })
  return async (name) => {
    const store = await engine.open(name)
    stores.push(store)
    return store
  }
}

const DAY_MS = 86_400_000

/** A fixed clock: `day(0)` is today, `day(1)` yesterday (the last finished day). */
export function clock(now = new Date('2025-03-15T12:00:00.000Z')) {
  return { now, day: (ago: number) => new Date(now.getTime() - ago * DAY_MS).toISOString().slice(0, 10) }
}

/** An in-process collector over a store, for `app.inject()`; settings as `serve` reads them. */
export function collectorOn(
  store: Store,
  now: Date,
  settings: Record<string, unknown> = {},
  options: Partial<CollectorOptions> = {},
): Collector {
  const config = collectorConfigSchema.parse({ store: 'unused', ...settings })
  return createCollector({ config, store, now: () => now, ...options })
}

/** `GET` through `app.inject()`: status, cache header, content type, body (JSON parsed). */
export async function get(collector: Collector, url: string) {
  const answer = await collector.app.inject({ method: 'GET', url })
  const type = String(answer.headers['content-type'] ?? '')
  return {
    status: answer.statusCode,
    cache: answer.headers['cache-control'],
    type,
    body: (type.includes('json') ? answer.json() : answer.body) as any,
  }
}

/** `POST /` over real HTTP from a chosen loopback source address (`127.0.N.1`): a distinct /24 per N. */
export function postFrom(url: string, body: unknown, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body)
    const sent = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) },
      },
      (answer) => {
        answer.resume()
        answer.on('end', () => resolve(answer.statusCode ?? 0))
      },
    )
    sent.on('error', reject)
    sent.end(text)
  })
}

/**
 * A request as a trusted proxy on the loopback forwards it for `address` (`X-Forwarded-For`), from a
 * `baqup/3.1.0` client: nothing is ever sent to that address.
 */
export function forwardedFor(
  url: string,
  method: 'GET' | 'POST',
  address: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body)
    const json = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
    const headers = { 'x-forwarded-for': address, 'user-agent': 'baqup/3.1.0', ...(body !== undefined && json) }
    const sent = request(url, { method, headers }, (answer) => {
      let read = ''
      answer.on('data', (chunk) => {
        read += chunk
      })
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text: read }))
    })
    sent.on('error', reject)
    sent.end(text)
  })
}

/** Every count of installations an answer publishes (`installations`, and `of` in adoption rows). */
export function publishedCounts(answer: unknown): number[] {
  const found: number[] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'installations' || key === 'of') && typeof inner === 'number') found.push(inner)
        else walk(inner)
      }
    }
  }
  walk(answer)
  return found
}

/** The numbers of a daily CSV file's `installations` column. */
export const csvCounts = (text: string): number[] =>
  text
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[3] ?? '')
    .filter((cell) => /^\d+$/.test(cell))
    .map(Number)
