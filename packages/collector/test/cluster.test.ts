import type { Logger } from '@clickhouse/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Collector } from '../src/server/app.js'
import { openClickHouse } from '../src/store/clickhouse.js'
import { key64 } from '../src/store/configurations.js'
import type { Store } from '../src/store/store.js'
import { TABLES } from '../src/store/tables.js'
import { type Cluster, clusterMissing, onServer, startHealthyCluster } from './support/cluster.js'
import { collectorOn } from './support/engines.js'
import { anonymized, post, report } from './support/reports.js'

/**
 * Three collectors in front of a replicated, sharded ClickHouse 18.16 (2 shards × 2 replicas and
 * ZooKeeper, all real, on loopback ports): what a 200 means when a replica dies or ZooKeeper goes.
 */

const config = anonymized({ log: { level: 'INFO' } })
const hashOf = (n: number) => `${n.toString(16).padStart(8, '0')}${'c'.repeat(56)}`
const today = new Date().toISOString().slice(0, 10)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const until = async (done: () => boolean, timeoutMs = 40_000) => {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(50)
  }
}

/** The client's own log lines: a replica killed on purpose makes it log each failed request. */
class Quiet implements Logger {
  trace() {}
  debug() {}
  info() {}
  warn() {}
  error() {}
}

interface Front {
  urls: string[]
  stores: Store[]
  collectors: Collector[]
  close(): Promise<void>
}

/** `count` collectors started at the same moment, each through its own replica, listening on 127.0.0.1. */
async function front(cluster: Cluster, database: string, count = 3): Promise<Front> {
  const stores = await Promise.all(
    Array.from({ length: count }, (_, n) => openClickHouse(cluster.storeURL(database, n), { LoggerClass: Quiet })),
  )
  const collectors = stores.map((store) =>
    collectorOn(store, new Date(), { maxInstallationsPerNetwork: 1_000_000, requestTimeout: 15_000 }),
  )
  const urls = await Promise.all(collectors.map((collector) => collector.app.listen({ host: '127.0.0.1', port: 0 })))
  return {
    urls,
    stores,
    collectors,
    async close() {
      await Promise.all(collectors.map((collector) => collector.close()))
      await Promise.all(stores.map((store) => store.close()))
    },
  }
}

/**
 * Reports with distinct hashes from `workers` loops, each on one collector, until `stop()`. A
 * report answered 503 is sent again, as the client does, until it is answered otherwise.
 */
function load(urls: readonly string[], workers = 6) {
  const accepted = new Set<string>()
  const statuses: { status: number; retryAfter: string | null }[] = []
  let next = 0
  let running = true
  const loops = Array.from({ length: workers }, async (_, worker) => {
    const url = urls[worker % urls.length] as string
    let hash = hashOf(next++)
    while (running) {
      try {
        const answer = await post(url, report(config, { hash }))
        statuses.push({ status: answer.status, retryAfter: answer.headers.get('retry-after') })
        if (answer.status === 200) accepted.add(hash)
        if (answer.status !== 503) hash = hashOf(next++)
        else await sleep(100)
      } catch {
        statuses.push({ status: 0, retryAfter: null })
        await sleep(100)
      }
    }
  })
  return {
    accepted,
    statuses,
    refused: () => statuses.filter((answer) => answer.status === 503),
    async stop() {
      running = false
      await Promise.all(loops)
    },
  }
}

/** Counts on each replica's own tables: replicas of a shard must agree. */
async function localCounts(cluster: Cluster, database: string) {
  const tables = Object.keys(TABLES)
  const query = `SELECT ${tables.map((table) => `(SELECT count() FROM ${database}.${table}_local)`).join(', ')} FORMAT TSV`
  return Promise.all(
    cluster.replicas.map(async (replica) => ({
      shard: replica.shard,
      counts: (await onServer(replica, query)).trim(),
    })),
  )
}

describe.skipIf(clusterMissing)(`ClickHouse cluster${clusterMissing ? ` (${clusterMissing})` : ''}`, () => {
  let cluster: Cluster
  beforeAll(async () => {
    cluster = await startHealthyCluster()
  }, 240_000)
  afterAll(() => cluster?.remove())

  it('three collectors started at the same moment create the tables once, and write through them', {
    timeout: 60_000,
  }, async () => {
    const collectors = await front(cluster, 'together')
    try {
      const expected = Object.keys(TABLES).flatMap((table) => [table, `${table}_local`])
      for (const replica of cluster.replicas) {
        const tables = await onServer(replica, "SELECT name FROM system.tables WHERE database = 'together' FORMAT TSV")
        expect(tables.trim().split('\n').sort()).toEqual(expected.sort())
      }
      // One ZooKeeper folder per local table and shard.
      const zk = await onServer(
        cluster.replicas[0] as Cluster['replicas'][number],
        "SELECT name FROM system.zookeeper WHERE path = '/clickhouse/tables/1/together' FORMAT TSV",
      )
      expect(zk.trim().split('\n').sort()).toEqual(
        Object.keys(TABLES)
          .map((table) => `${table}_local`)
          .sort(),
      )
      const answers = await Promise.all(
        collectors.urls.map((url, n) => post(url, report(config, { hash: hashOf(1_000_000 + n) }))),
      )
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
      expect(await collectors.stores[0]?.stats()).toMatchObject({ reports: 3, installations: 3 })
    } finally {
      await collectors.close()
    }
  })

  it('kill -9 of a replica under load: every report answered 200 is stored once, and replicas agree when it is back', {
    timeout: 60_000,
  }, async () => {
    const collectors = await front(cluster, 'killed')
    const victim = cluster.replicas[3] as Cluster['replicas'][number]
    const traffic = load(collectors.urls)
    try {
      await until(() => traffic.accepted.size >= 100)
      await victim.kill()
      const killedAt = traffic.statuses.length
      // Its shard has one replica left: reports sharded there are refused, never acknowledged.
      await until(() => traffic.statuses.slice(killedAt).filter((answer) => answer.status === 503).length >= 5)
      await sleep(1000)
      await victim.start()
      const back = traffic.accepted.size
      await until(() => traffic.accepted.size >= back + 100)
    } finally {
      await traffic.stop()
    }
    expect(traffic.refused().every((answer) => /^\d+$/.test(answer.retryAfter ?? ''))).toBe(true)
    const store = collectors.stores[0] as Store
    const stored = new Set((await store.exportDay(today)).map((row) => row.hash))
    expect([...traffic.accepted].filter((hash) => !stored.has(hash))).toEqual([])
    // Once: the (hash, day) rule across shards, and each stored report counted once by statistics.
    // (A report answered 503 may be stored all the same, uncounted until the client's retry is.)
    const counted = new Set(
      (await store.query('SELECT DISTINCT toString(installation) AS i FROM installation_days')).map((row) => row.i),
    )
    expect([...traffic.accepted].filter((hash) => !counted.has(key64(hash)))).toEqual([])
    expect(await store.stats()).toMatchObject({ reports: stored.size, installations: stored.size })
    // Every replica has its shard's rows, and statistics read through any replica agree.
    await expect
      .poll(
        async () => {
          const counts = await localCounts(cluster, 'killed')
          return [1, 2].map(
            (shard) => new Set(counts.filter((row) => row.shard === shard).map((row) => row.counts)).size,
          )
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([1, 1])
    const everywhere = await Promise.all(
      cluster.replicas.map(async (_, n) => {
        const through = await openClickHouse(cluster.storeURL('killed', n), { LoggerClass: Quiet })
        try {
          return await through.stats()
        } finally {
          await through.close()
        }
      }),
    )
    for (const stats of everywhere) expect(stats).toEqual(everywhere[0])
    await collectors.close()
  })

  it('ZooKeeper stopped: 503 with Retry-After and /readyz 503, never a 200 for a report not replicated; recovers', {
    timeout: 60_000,
  }, async () => {
    const collectors = await front(cluster, 'keeperless')
    const traffic = load(collectors.urls)
    try {
      await until(() => traffic.accepted.size >= 100)
      await cluster.zookeeper.kill()
      const stoppedAt = traffic.statuses.length
      await until(() => traffic.statuses.slice(stoppedAt).filter((answer) => answer.status === 503).length >= 10)
      for (const url of collectors.urls) {
        const ready = await fetch(`${url}/readyz`)
        expect(ready.status).toBe(503)
      }
      const refused = await post(collectors.urls[0] as string, report(config, { hash: 'e'.repeat(64) }))
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      await cluster.zookeeper.start()
      const back = traffic.accepted.size
      await until(() => traffic.accepted.size >= back + 100)
      await expect
        .poll(async () => Promise.all(collectors.urls.map(async (url) => (await fetch(`${url}/readyz`)).status)), {
          timeout: 20_000,
        })
        .toEqual([200, 200, 200])
    } finally {
      await traffic.stop()
    }
    const store = collectors.stores[0] as Store
    const stored = new Set((await store.exportDay(today)).map((row) => row.hash))
    expect([...traffic.accepted].filter((hash) => !stored.has(hash))).toEqual([])
    expect(stored.has('e'.repeat(64))).toBe(false)
    await collectors.close()
  })
})
