import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A throw-away ClickHouse server on 127.0.0.1: its own config, data and ports in a temporary folder. */

export const CLICKHOUSE_BINARY = process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server'
export const clickhouseMissing = existsSync(CLICKHOUSE_BINARY)
  ? undefined
  : `ClickHouse tests skipped: no ${CLICKHOUSE_BINARY} (apt-get install clickhouse-server, or set CLICKHOUSE_SERVER)`

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface ClickHouse {
  url: string
  /** `clickhouse://127.0.0.1:PORT/DB`, the collector's `--store`. */
  storeURL(database: string): string
  stop(): Promise<void>
  start(): Promise<void>
  remove(): Promise<void>
}

function configXml(folder: string, http: number, tcp: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${folder}/log/server.log</log><errorlog>${folder}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>8589934592</uncompressed_cache_size>
  <mark_cache_size>5368709120</mark_cache_size>
  <path>${folder}/data/</path>
  <tmp_path>${folder}/tmp/</tmp_path>
  <user_files_path>${folder}/user_files/</user_files_path>
  <format_schema_path>${folder}/format_schemas/</format_schema_path>
  <users_config>${folder}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
`
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}`)
    try {
      const answer = await fetch(`${url}/ping`)
      if (answer.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('clickhouse-server did not answer in time')
}

export async function startClickHouse(): Promise<ClickHouse> {
  const folder = mkdtempSync(join(tmpdir(), 'collector-clickhouse-'))
  for (const sub of ['log', 'data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(folder, sub))
  const [http, tcp] = [await freePort(), await freePort()]
  writeFileSync(join(folder, 'config.xml'), configXml(folder, http, tcp))
  writeFileSync(join(folder, 'users.xml'), USERS)
  const url = `http://127.0.0.1:${http}`
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(CLICKHOUSE_BINARY, [`--config-file=${join(folder, 'config.xml')}`], { cwd: folder, stdio: 'ignore' })
    await waitReady(url, child)
  }
  const stop = async () => {
    const running = child
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return {
    url,
    storeURL: (database) => `clickhouse://127.0.0.1:${http}/${database}`,
    start,
    stop,
    async remove() {
      await stop()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
