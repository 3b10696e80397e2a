import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLICKHOUSE_BINARY, clickhouseMissing, serverSettingsXml, waitReady } from './clickhouse.js'

/**
 * A throw-away replicated, sharded ClickHouse: one ZooKeeper (Debian's `zookeeper`, from a
 * configuration in a temporary folder, never the system service) and four ClickHouse 18.16
 * servers, 2 shards × 2 replicas, on loopback ports, each from its own temporary configuration.
 * Small on purpose (2-core machines): caches of a few MiB, two background threads per server.
 */

export const ZOOKEEPER_JAR = process.env.ZOOKEEPER_JAR ?? '/usr/share/java/zookeeper.jar'
const JAVA = process.env.JAVA ?? '/usr/bin/java'
export const CLUSTER = 'baqup'

export const clusterMissing =
  clickhouseMissing ??
  (!existsSync(ZOOKEEPER_JAR) || !existsSync(JAVA)
    ? `ClickHouse cluster tests skipped: no ${ZOOKEEPER_JAR} or ${JAVA} (apt-get install zookeeper, or set ZOOKEEPER_JAR)`
    : undefined)

/** A ZooKeeper four-letter word's answer, or undefined when nothing answers. */
export function fourLetters(port: number, word: string, timeoutMs = 1000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    const done = (value: string | undefined) => {
      socket.destroy()
      resolve(value)
    }
    socket.setTimeout(timeoutMs, () => done(undefined))
    socket.on('connect', () => socket.write(word))
    socket.on('data', (data) => {
      answer += data
    })
    socket.on('end', () => done(answer))
    socket.on('error', () => done(undefined))
  })
}

/** `count` distinct free ports: all held open at once, so that no two are the same. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  const ports: number[] = []
  for (let n = 0; n < count; n++) {
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', resolve)
    })
    servers.push(server)
    ports.push((server.address() as { port: number }).port)
  }
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  return ports
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Process {
  start(): Promise<void>
  /** `kill -9`. */
  kill(): Promise<void>
  readonly running: boolean
}

/** Servers still running when the test process exits (a failed hook, a timeout) are killed with it. */
const live = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

function supervised(command: string, args: string[], cwd: string, ready: (child: ChildProcess) => Promise<void>) {
  let child: ChildProcess | undefined
  const handle: Process = {
    async start() {
      const started = spawn(command, args, { cwd, stdio: 'ignore' })
      child = started
      live.add(started)
      started.once('exit', () => live.delete(started))
      await ready(started)
    },
    async kill() {
      const running = child
      if (!running || running.exitCode !== null || running.signalCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await Promise.race([exited, sleep(5000)])
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null
    },
  }
  return handle
}

function zookeeper(folder: string, port: number): Process {
  mkdirSync(join(folder, 'data'), { recursive: true })
  writeFileSync(
    join(folder, 'zoo.cfg'),
    [
      'tickTime=500',
      'initLimit=10',
      'syncLimit=5',
      `dataDir=${join(folder, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'maxClientCnxns=0',
      'admin.enableServer=false',
      '4lw.commands.whitelist=*',
      'minSessionTimeout=1000',
      '',
    ].join('\n'),
  )
  const args = [
    '-Xmx192m',
    '-XX:+UseSerialGC',
    '-cp',
    `${folder}:${ZOOKEEPER_JAR}`,
    'org.apache.zookeeper.server.quorum.QuorumPeerMain',
    join(folder, 'zoo.cfg'),
  ]
  return supervised(JAVA, args, folder, async (child) => {
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`zookeeper exited with ${child.exitCode}`)
      if ((await fourLetters(port, 'ruok')) === 'imok') return
      await sleep(200)
    }
    throw new Error('zookeeper did not answer ruok in time')
  })
}

export interface Replica {
  readonly shard: number
  readonly replica: number
  readonly http: number
  readonly tcp: number
  readonly url: string
}

function remoteServers(replicas: readonly Replica[]): string {
  const shards = [1, 2].map((shard) => {
    const members = replicas
      .filter((replica) => replica.shard === shard)
      .map((replica) => `<replica><host>127.0.0.1</host><port>${replica.tcp}</port></replica>`)
    return `<shard><internal_replication>true</internal_replication>${members.join('')}</shard>`
  })
  return `<remote_servers><${CLUSTER}>${shards.join('')}</${CLUSTER}></remote_servers>`
}

function serverXml(folder: string, replica: Replica, interserver: number, all: readonly Replica[], zk: number) {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${folder}/log/server.log</log><errorlog>${folder}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${replica.http}</http_port>
  <tcp_port>${replica.tcp}</tcp_port>
  <interserver_http_port>${interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
${serverSettingsXml(folder, { uncompressed: 16777216, marks: 16777216 })}
  <zookeeper><node><host>127.0.0.1</host><port>${zk}</port></node><session_timeout_ms>4000</session_timeout_ms><operation_timeout_ms>2000</operation_timeout_ms></zookeeper>
  <macros><shard>${replica.shard}</shard><replica>r${replica.shard}-${replica.replica}</replica></macros>
  ${remoteServers(all)}
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
  <merge_tree><parts_to_delay_insert>300</parts_to_delay_insert><parts_to_throw_insert>600</parts_to_throw_insert></merge_tree>
</yandex>
`
}

const CLUSTER_USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default>
    <max_memory_usage>500000000</max_memory_usage>
    <!-- A mutation (retention) starts only with 10 free threads in this pool (18.16, fixed): 16, idle most of the time. -->
    <background_pool_size>16</background_pool_size>
    <background_schedule_pool_size>4</background_schedule_pool_size>
    <max_threads>2</max_threads>
    <distributed_ddl_task_timeout>60</distributed_ddl_task_timeout>
    <connect_timeout_with_failover_ms>200</connect_timeout_with_failover_ms>
  </default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`

export interface Cluster {
  readonly name: string
  readonly replicas: readonly (Replica & Process)[]
  readonly zookeeper: Process & { readonly port: number }
  /** `clickhouse://127.0.0.1:PORT/DB?cluster=NAME` through one replica (the first by default). */
  storeURL(database: string, through?: number): string
  /** Stops everything and removes the folders. */
  remove(): Promise<void>
}

/** ZooKeeper, then the four servers (in parallel). */
/**
 * A cluster whose four servers all reach ZooKeeper a moment after start. On a loaded machine a
 * server sometimes answers its first ping and is gone or without a session a moment later: such a
 * cluster is removed and started again (at most three times), so that the tests measure the
 * collector, not the start of the cluster.
 */
export async function startHealthyCluster(attempts = 3): Promise<Cluster> {
  for (let attempt = 1; ; attempt++) {
    const cluster = await startCluster()
    await sleep(1000)
    const checks = await Promise.allSettled(
      cluster.replicas.map((replica) => onServer(replica, "SELECT count() FROM system.zookeeper WHERE path = '/'")),
    )
    const down = checks.filter((check) => check.status === 'rejected')
    if (down.length === 0) return cluster
    await cluster.remove()
    if (attempt >= attempts) throw (down[0] as PromiseRejectedResult).reason
    process.stderr.write(`cluster: ${down.length} of 4 servers lost after start; starting it again\n`)
  }
}

export async function startCluster(): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'collector-cluster-'))
  const ports = await freePorts(13)
  const next = () => ports.shift() as number
  const zkPort = next()
  const keeper = zookeeper(join(root, 'zookeeper'), zkPort)
  await keeper.start()
  const layout: Replica[] = []
  for (const shard of [1, 2]) {
    for (const replica of [1, 2]) {
      const [http, tcp] = [next(), next()]
      layout.push({ shard, replica, http, tcp, url: `http://127.0.0.1:${http}` })
    }
  }
  const replicas = await Promise.all(
    layout.map(async (replica) => {
      const folder = join(root, `clickhouse-${replica.shard}-${replica.replica}`)
      for (const sub of ['log', 'data', 'tmp', 'user_files', 'format_schemas'])
        mkdirSync(join(folder, sub), { recursive: true })
      writeFileSync(join(folder, 'config.xml'), serverXml(folder, replica, next(), layout, zkPort))
      writeFileSync(join(folder, 'users.xml'), CLUSTER_USERS)
      const server = supervised(CLICKHOUSE_BINARY, [`--config-file=${join(folder, 'config.xml')}`], folder, (child) =>
        waitReady(replica.url, child),
      )
      return Object.assign(server, replica) as Replica & Process
    }),
  )
  const started = await Promise.allSettled(replicas.map((replica) => replica.start()))
  const failed = started.find((outcome) => outcome.status === 'rejected')
  const cluster: Cluster = {
    name: CLUSTER,
    replicas,
    zookeeper: Object.assign(keeper, { port: zkPort }),
    storeURL: (database, through = 0) =>
      `clickhouse://127.0.0.1:${(replicas[through] as Replica).http}/${database}?cluster=${CLUSTER}`,
    async remove() {
      await Promise.all(replicas.map((replica) => replica.kill()))
      await keeper.kill()
      rmSync(root, { recursive: true, force: true })
    },
  }
  if (failed) {
    await cluster.remove()
    throw (failed as PromiseRejectedResult).reason
  }
  return cluster
}

/** A query on one server over HTTP, its answer as text (throws on an error answer). */
export async function onServer(replica: Replica, query: string, settings: Record<string, string> = {}) {
  const params = new URLSearchParams({ query, ...settings })
  const answer = await fetch(`${replica.url}/?${params}`, { method: 'POST' })
  const text = await answer.text()
  if (!answer.ok) throw new Error(`clickhouse ${replica.shard}-${replica.replica}: ${text.slice(0, 500)}`)
  return text
}
