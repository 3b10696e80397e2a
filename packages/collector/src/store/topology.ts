import { type ColumnType, type TableName, type TableSpec, tableSpecs } from './tables.js'

/**
 * Where a store's tables are and how they are reached: the table specs of `tables.ts` rendered for
 * one deployment. `duckdb` (one file), `clickhouse` (one server), `clickhouse cluster NAME`
 * (Replicated tables on every shard's replicas, a Distributed table over them). Engines ask the
 * topology for DDL, insert targets and settings, mutation targets and read settings; none of them
 * branches on the deployment.
 */

/** Settings of one ClickHouse query, as the client sends them (URL parameters on 18.16). */
export type Settings = Readonly<Record<string, string | number>>

export interface Topology {
  readonly name: 'duckdb' | 'clickhouse' | 'clickhouse-cluster'
  /** Every statement that creates the store, each idempotent and safe when several writers run it at once. */
  readonly create: readonly string[]
  /** The tables, by name, that `create` makes on the server a writer talks to (to skip it when all are there). */
  readonly created: readonly string[]
  /** The table a batch's rows of `table` are inserted into. */
  insertInto(table: TableName): string
  /** What an insert waits for before it answers (quorum, synchronous distributed insert), and its deduplication. */
  insertSettings(table: TableName): Settings
  /** The target of a mutation (`ALTER TABLE <target> DELETE …`, `DELETE FROM <target>`). */
  mutate(table: TableName): string
  /** Settings of every read. */
  readonly readSettings: Settings
  /** Whether a failed insert may be sent again as is: the engine stores a retried block once. */
  readonly retriesInserts: boolean
  /**
   * `delete`: retention deletes the rows of expired days (a mutation); `drop`: each day is a
   * partition, and retention drops the partitions of expired days.
   */
  readonly expires: 'delete' | 'drop'
  /** A query that fails when the deployment cannot take writes although its server answers (ZooKeeper lost). */
  readonly ping?: string
}

function columns(spec: TableSpec, types: Readonly<Record<ColumnType, string>>): string {
  return Object.entries(spec.columns)
    .map(([column, type]) => `${column} ${types[type]}`)
    .join(', ')
}

const DUCKDB_TYPES = {
  day: 'DATE',
  time: 'TIMESTAMP',
  text: 'VARCHAR',
  key: 'UBIGINT',
  int: 'INTEGER',
  'optional-text': 'VARCHAR',
} as const satisfies Record<ColumnType, string>

export function duckdbTopology(): Topology {
  return {
    name: 'duckdb',
    create: tableSpecs().map(([table, spec]) => `CREATE TABLE IF NOT EXISTS ${table} (${columns(spec, DUCKDB_TYPES)})`),
    created: tableSpecs().map(([table]) => table),
    insertInto: (table) => table,
    insertSettings: () => ({}),
    mutate: (table) => table,
    readSettings: {},
    retriesInserts: false,
    expires: 'delete',
  }
}

const CLICKHOUSE_TYPES = {
  day: 'Date',
  time: 'DateTime',
  text: 'String',
  key: 'UInt64',
  int: 'UInt32',
  'optional-text': 'Nullable(String)',
} as const satisfies Record<ColumnType, string>

/**
 * MergeTree by month. Collectors each write copies of a configuration: `replacing` tables let
 * merges keep one a month, and queries read distinct rows.
 */
const mergeTree = (spec: TableSpec, partition: string, replicated?: string) => {
  const engine = `${replicated ? 'Replicated' : ''}${spec.merge === 'replacing' ? 'ReplacingMergeTree' : 'MergeTree'}`
  return `ENGINE = ${engine}(${replicated ?? ''}) PARTITION BY ${partition} ORDER BY (${spec.order.join(', ')})`
}

/** One ClickHouse server: MergeTree tables; an insert answers once its block is written to a part. */
export function clickhouseTopology(database: string): Topology {
  return {
    name: 'clickhouse',
    create: [
      `CREATE DATABASE IF NOT EXISTS ${database}`,
      ...tableSpecs().map(
        ([table, spec]) =>
          `CREATE TABLE IF NOT EXISTS ${database}.${table} (${columns(spec, CLICKHOUSE_TYPES)}) ${mergeTree(spec, 'toYYYYMM(day)')}`,
      ),
    ],
    created: tableSpecs().map(([table]) => table),
    insertInto: (table) => `${database}.${table}`,
    insertSettings: () => ({}),
    mutate: (table) => `${database}.${table}`,
    readSettings: {},
    retriesInserts: false,
    expires: 'delete',
  }
}

/** Local (Replicated) tables are named after the logical table with this suffix; the Distributed one keeps the name. */
export const LOCAL = '_local'

/** How long a quorum insert waits for the second replica before it fails (18.16's default is ten minutes). */
export const QUORUM_TIMEOUT_MS = 5000

/**
 * A ClickHouse cluster as declared in `remote_servers`, with `{shard}` and `{replica}` macros on
 * every server and ZooKeeper: on each server `TABLE_local` (the Replicated variant of the table's
 * merge tree, at `/clickhouse/tables/{shard}/DB/TABLE_local`), and `TABLE`, a Distributed table
 * over them, sharded by the spec's key (at random without one). Everything is created `ON
 * CLUSTER`. Writes go through the Distributed tables synchronously (`insert_distributed_sync`):
 * an insert answers once each shard's part is written and acknowledged by two of its replicas
 * (`insert_quorum=2`). Replicated tables deduplicate a block inserted again, so a failed insert is
 * retried as is, except into tables whose rows count events (their equal blocks are not copies).
 * Mutations run on the local tables, `ON CLUSTER`; reads join Distributed tables to each other
 * (`distributed_product_mode=global`).
 *
 * Partitions are days, and retention drops them: on 18.16 the last part written with a quorum to
 * a partition is never mutated until another quorum insert lands in that partition (it is kept
 * for `select_sequential_consistency`), so a `DELETE` mutation would never finish on a past day.
 */
export function clickhouseClusterTopology(database: string, cluster: string): Topology {
  const onCluster = `ON CLUSTER ${cluster}`
  const local = (table: string) => `${database}.${table}${LOCAL}`
  const replicated = (table: string) => `'/clickhouse/tables/{shard}/${database}/${table}${LOCAL}', '{replica}'`
  return {
    name: 'clickhouse-cluster',
    create: [
      `CREATE DATABASE IF NOT EXISTS ${database} ${onCluster}`,
      ...tableSpecs().flatMap(([table, spec]) => [
        `CREATE TABLE IF NOT EXISTS ${local(table)} ${onCluster} (${columns(spec, CLICKHOUSE_TYPES)}) ${mergeTree(spec, 'day', replicated(table))}`,
        `CREATE TABLE IF NOT EXISTS ${database}.${table} ${onCluster} (${columns(spec, CLICKHOUSE_TYPES)}) ` +
          `ENGINE = Distributed(${cluster}, ${database}, ${table}${LOCAL}, ${spec.shard ?? 'rand()'})`,
      ]),
    ],
    created: tableSpecs().flatMap(([table]) => [`${table}${LOCAL}`, table]),
    insertInto: (table) => `${database}.${table}`,
    insertSettings: (table) => ({
      insert_distributed_sync: 1,
      insert_quorum: 2,
      insert_quorum_timeout: QUORUM_TIMEOUT_MS,
      // Seconds a synchronous distributed insert waits for the shards (none by default).
      insert_distributed_timeout: Math.ceil((2 * QUORUM_TIMEOUT_MS) / 1000),
      insert_deduplicate: tableSpecs().find(([name]) => name === table)?.[1].counts ? 0 : 1,
    }),
    mutate: (table) => `${local(table)} ${onCluster}`,
    readSettings: { distributed_product_mode: 'global' },
    retriesInserts: true,
    expires: 'drop',
    ping: `SELECT count() FROM system.zookeeper WHERE path = '/clickhouse/tables'`,
  }
}

/** `?cluster=NAME` of a `clickhouse://` store location, checked: a name put in DDL. */
export function clusterOf(location: string): string | undefined {
  const cluster = new URL(location).searchParams.get('cluster')
  if (cluster === null) return undefined
  if (!/^\w+$/.test(cluster)) throw new Error('clickhouse store: the cluster name must be letters, digits or _')
  return cluster
}
