import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openClickHouse } from '../src/store/clickhouse.js'
import { describeClickHouse, parseClickHouseLocation } from '../src/store/clickhouse-location.js'
import { describeStore } from '../src/store/open.js'
import { type ClickHouse, clickhouseMissing, PASSWORD_USER, startClickHouse } from './support/clickhouse.js'
import { runBin, serve } from './support/collector.js'
import { anonymized, post, report } from './support/reports.js'

/** The client logs a refused query itself: its lines are kept here, and checked, instead of printed. */
const clientLog: string[] = []
class KeptClientLog {
  trace() {}
  debug() {}
  info() {}
  warn({ message }: { message: string }) {
    clientLog.push(message)
  }
  error({ message, err }: { message: string; err?: Error }) {
    clientLog.push(`${message} ${err?.message ?? ''}`)
  }
}

const SECRET = 'pa:ss/w@rd%'
const encoded = encodeURIComponent(SECRET)
const noFile = () => {
  throw new Error('no file read expected')
}

describe('parseClickHouseLocation', () => {
  it.each([
    ['clickhouse://db.example:8123/baqup', { url: 'http://db.example:8123' }, 'baqup'],
    ['clickhouse://db.example/stats', { url: 'http://db.example:8123' }, 'stats'],
    ['clickhouse://db.example:9000', { url: 'http://db.example:9000' }, 'baqup'],
    ['clickhouses://db.example/baqup', { url: 'https://db.example:8443' }, 'baqup'],
    ['clickhouse://db.example:8443/baqup?secure=1', { url: 'https://db.example:8443' }, 'baqup'],
    ['clickhouse://[::1]:8123/baqup', { url: 'http://[::1]:8123' }, 'baqup'],
    ['clickhouse://reader@db.example:8123/baqup', { url: 'http://db.example:8123', username: 'reader' }, 'baqup'],
    [
      `clickhouse://writer:${encoded}@db.example:8123/baqup?cluster=main`,
      { url: 'http://db.example:8123', username: 'writer', password: SECRET },
      'baqup',
    ],
  ])('%s', (location, connection, database) => {
    expect(parseClickHouseLocation(location, { readFile: noFile })).toEqual({ connection, database })
  })

  it('takes the password from the environment when the URL has none, the URL first', () => {
    const fromEnv = parseClickHouseLocation('clickhouse://writer@h:8123/b', { password: 'env' })
    expect(fromEnv.connection).toMatchObject({ username: 'writer', password: 'env' })
    const fromURL = parseClickHouseLocation('clickhouse://writer:url@h:8123/b', { password: 'env' })
    expect(fromURL.connection.password).toBe('url')
    expect(parseClickHouseLocation('clickhouse://h:8123/b', { password: '' }).connection).not.toHaveProperty('password')
  })

  it('reads ?journal=DIR as a folder, relative to the working directory', () => {
    expect(parseClickHouseLocation('clickhouse://h/b?journal=/var/lib/baqup/journal').journal).toBe(
      '/var/lib/baqup/journal',
    )
    expect(parseClickHouseLocation('clickhouse://h/b?journal=journal').journal).toBe(join(process.cwd(), 'journal'))
    expect(parseClickHouseLocation('clickhouse://h/b')).not.toHaveProperty('journal')
  })

  it('reads ?ca=PATH as the certificate the server is checked against', () => {
    const folder = mkdtempSync(join(tmpdir(), 'collector-ca-'))
    try {
      writeFileSync(join(folder, 'ca.pem'), 'PEM')
      const { connection } = parseClickHouseLocation(`clickhouses://h/b?ca=${join(folder, 'ca.pem')}`)
      expect(connection.tls?.ca_cert.toString()).toBe('PEM')
      expect(() => parseClickHouseLocation(`clickhouses://h/b?ca=${join(folder, 'none.pem')}`)).toThrow(
        /cannot read the CA file .*none\.pem \(ENOENT\)/,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it.each([
    [`clickhouse://u:${encoded}@h:8123/b?secur=1`, /unknown parameter \?secur=/],
    [`clickhouses://u:${encoded}@h/b?secure=0`, /clickhouses:\/\/ with \?secure=0/],
    [`clickhouse://u:${encoded}@h/b?secure=yes`, /\?secure= takes 1 or 0/],
    [`clickhouse://u:${encoded}@h/b?ca=/etc/ca.pem`, /\?ca= is for TLS/],
    [`clickhouse://u:${encoded}@h/b-c`, /database name/],
    [`clickhouse://u:${encoded}@h/b?cluster=main&journal=/var/lib/j`, /\?journal= is for one server/],
    [`clickhouse://u:${encoded}@h/b?journal=`, /\?journal= names a folder/],
    [`clickhouse://u:${SECRET}@h:8123/b`, /not a URL/],
    [`clickhouse://u:%E0%A4%A@h/b`, /not percent-encoded/],
  ])('refuses %s, without repeating the location', (location, message) => {
    let thrown: Error | undefined
    try {
      parseClickHouseLocation(location, { readFile: noFile })
    } catch (error) {
      thrown = error as Error
    }
    expect(thrown?.message).toMatch(message)
    expect(thrown?.message).not.toContain('pa:ss')
    expect(thrown?.message).not.toContain(encoded)
  })
})

describe('describeStore', () => {
  it.each([
    [
      `clickhouse://writer:${encoded}@db.example:8123/baqup?cluster=main`,
      'clickhouse://writer@db.example:8123/baqup?cluster=main',
    ],
    ['clickhouse://writer:p@ss@db.example/baqup', 'clickhouse://writer@db.example/baqup'],
    ['clickhouses://db.example/baqup?ca=/etc/ca.pem', 'clickhouses://db.example/baqup?ca=/etc/ca.pem'],
    [`clickhouse://u:${SECRET}@h:8123/b`, 'clickhouse://(a location that does not parse)'],
    ['./collector.duckdb', './collector.duckdb'],
  ])('%s → %s', (location, described) => {
    expect(describeStore(location)).toBe(described)
    if (location.startsWith('clickhouse')) expect(describeClickHouse(location)).toBe(described)
  })
})

describe.skipIf(clickhouseMissing)('ClickHouse with a password, over TLS', { timeout: 120_000 }, () => {
  let server: ClickHouse
  let https: { port: number; ca: string }
  const user = `${PASSWORD_USER.name}:${encodeURIComponent(PASSWORD_USER.password)}`
  const config = anonymized({ log: { level: 'INFO' } })

  beforeAll(async () => {
    server = await startClickHouse({ tls: true })
    https = server.https as { port: number; ca: string }
  }, 120_000)
  afterAll(async () => {
    await server?.remove()
  })

  it('connects as the user of the URL, or with the password of the environment', async () => {
    const http = new URL(server.url).port
    for (const [location, password] of [
      [`clickhouse://${user}@127.0.0.1:${http}/credentials`, undefined],
      [`clickhouse://${PASSWORD_USER.name}@127.0.0.1:${http}/credentials`, PASSWORD_USER.password],
    ] as const) {
      const store = await openClickHouse(location, { password })
      expect(await store.stats()).toMatchObject({ reports: 0 })
      await store.close()
    }
  })

  it('fails on a wrong password without repeating it or the URL', async () => {
    const http = new URL(server.url).port
    const wrong = `clickhouse://${PASSWORD_USER.name}:${encoded}@127.0.0.1:${http}/credentials`
    const error = (await openClickHouse(wrong, { timeoutMs: 5000, LoggerClass: KeptClientLog }).catch(
      (failed: Error) => failed,
    )) as Error
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/password|Authentication/i)
    for (const text of [SECRET, encoded, 'pa:ss', wrong]) {
      expect(`${error.message}\n${error.stack}`).not.toContain(text)
      expect(clientLog.join('\n')).not.toContain(text)
    }
  })

  it('talks HTTPS to clickhouses://, checking the certificate against ?ca=', async () => {
    const location = `clickhouses://${user}@127.0.0.1:${https.port}/secure`
    const store = await openClickHouse(`${location}?ca=${https.ca}`)
    await store.write({ reports: [], versionChecks: [], refusals: [{ day: '2025-03-15', code: 'bad-json' }] })
    expect((await store.stats()).refused).toEqual({ 'bad-json': 1 })
    await store.close()
    // Without the CA the self-signed certificate is refused: the client checks it.
    await expect(openClickHouse(location, { timeoutMs: 5000, LoggerClass: KeptClientLog })).rejects.toThrow(
      /self[- ]signed|certificate/i,
    )
  })

  it('serves with the password from BAQUP_COLLECTOR_CLICKHOUSE_PASSWORD, printing and logging neither it nor the URL with it', async () => {
    const location = `clickhouses://${PASSWORD_USER.name}@127.0.0.1:${https.port}/served?ca=${https.ca}`
    const folder = mkdtempSync(join(tmpdir(), 'collector-tls-'))
    const releases = join(folder, 'releases.json')
    writeFileSync(releases, JSON.stringify([{ tag_name: 'v3.1.0', draft: false, prerelease: false }]))
    try {
      const env = { BAQUP_COLLECTOR_CLICKHOUSE_PASSWORD: PASSWORD_USER.password }
      const collector = await serve([`--store=${location}`, `--releases=${releases}`], env)
      expect((await post(collector.url, report(config))).status).toBe(200)
      expect(await collector.stop()).toBe(0)
      expect(collector.stdout()).toContain(`(store: ${location})`)
      const counted = await runBin(['stats', `--store=${location}`, '--json'], env)
      expect(JSON.parse(counted.stdout)).toMatchObject({ reports: 1 })
      // A wrong password in the URL: exit 1, a message without it.
      const wrong = `clickhouses://${PASSWORD_USER.name}:${encoded}@127.0.0.1:${https.port}/served?ca=${https.ca}`
      const refused = await runBin(['stats', `--store=${wrong}`, '--json'])
      expect(refused.code).toBe(1)
      for (const output of [collector.stdout(), collector.stderr(), counted.stderr, refused.stderr])
        for (const text of [PASSWORD_USER.password, encodeURIComponent(PASSWORD_USER.password), SECRET, encoded])
          expect(output).not.toContain(text)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
