import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A throw-away ClickHouse server on 127.0.0.1: its own config, data and ports in a temporary folder. */

export const CLICKHOUSE_BINARY = process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server'
export const clickhouseMissing = existsSync(CLICKHOUSE_BINARY)
  ? undefined
  : `ClickHouse tests skipped: no ${CLICKHOUSE_BINARY} (apt-get install clickhouse-server, or set CLICKHOUSE_SERVER)`

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** A user with a password, in every test server's users.xml: the credentials tests. */
export const PASSWORD_USER = { name: 'baqup', password: 's3cret/p@ss:word' } as const

export interface ClickHouseOptions {
  /** Also serve HTTPS with a self-signed certificate made with `openssl` in the server's folder. */
  tls?: boolean
}

export interface ClickHouse {
  url: string
  /** `clickhouse://127.0.0.1:PORT/DB`, the collector's `--store`. */
  storeURL(database: string): string
  /** With `tls`: the HTTPS port, and the PEM file of the certificate (its own CA). */
  https?: { port: number; ca: string }
  stop(): Promise<void>
  start(): Promise<void>
  remove(): Promise<void>
}

/** ClickHouse 18.16's HTTPS listener: `https_port` and the server's certificate in `openSSL.server`. */
const httpsXml = (folder: string, port: number) => `
  <https_port>${port}</https_port>
  <openSSL><server>
    <certificateFile>${folder}/tls/server.crt</certificateFile><privateKeyFile>${folder}/tls/server.key</privateKeyFile>
    <verificationMode>none</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile>
    <cacheSessions>true</cacheSessions><disableProtocols>sslv2,sslv3</disableProtocols><preferServerCiphers>true</preferServerCiphers>
  </server></openSSL>`

/** A self-signed certificate for 127.0.0.1 and localhost, valid two days. */
function selfSigned(folder: string): void {
  mkdirSync(join(folder, 'tls'))
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    join(folder, 'tls', 'server.key'),
    '-out',
    join(folder, 'tls', 'server.crt'),
  ])
  if (made.status !== 0) throw new Error(`openssl: ${made.stderr?.toString() ?? made.error?.message}`)
}

/**
 * What every test server's configuration holds, for one server or a cluster's: its limits, caches
 * and the folders under `folder`.
 */
export function serverSettingsXml(folder: string, cache: { uncompressed: number; marks: number }): string {
  return `  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>${cache.uncompressed}</uncompressed_cache_size>
  <mark_cache_size>${cache.marks}</mark_cache_size>
  <path>${folder}/data/</path>
  <tmp_path>${folder}/tmp/</tmp_path>
  <user_files_path>${folder}/user_files/</user_files_path>
  <format_schema_path>${folder}/format_schemas/</format_schema_path>
  <users_config>${folder}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>`
}

function configXml(folder: string, http: number, tcp: number, https?: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${folder}/log/server.log</log><errorlog>${folder}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>${https === undefined ? '' : httpsXml(folder, https)}
${serverSettingsXml(folder, { uncompressed: 8589934592, marks: 5368709120 })}
</yandex>
`
}

export const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
    <${PASSWORD_USER.name}><password>${PASSWORD_USER.password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></${PASSWORD_USER.name}></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`

export async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
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

export async function startClickHouse(options: ClickHouseOptions = {}): Promise<ClickHouse> {
  const folder = mkdtempSync(join(tmpdir(), 'collector-clickhouse-'))
  for (const sub of ['log', 'data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(folder, sub))
  const [http, tcp] = [await freePort(), await freePort()]
  const https = options.tls ? await freePort() : undefined
  if (options.tls) selfSigned(folder)
  writeFileSync(join(folder, 'config.xml'), configXml(folder, http, tcp, https))
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
    ...(https !== undefined && { https: { port: https, ca: join(folder, 'tls', 'server.crt') } }),
    start,
    stop,
    async remove() {
      await stop()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
