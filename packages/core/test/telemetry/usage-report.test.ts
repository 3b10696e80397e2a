import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { staticConfigSchema } from '@baqup/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymize } from '../../src/report/anonymize.js'
import { configHash } from '../../src/report/hash.js'
import { buildPayload } from '../../src/report/payload.js'
import { TelemetryError } from '../../src/telemetry/errors.js'
import { createTelemetryClient } from '../../src/telemetry/http.js'
import { describeRequests, sendUsageReport } from '../../src/telemetry/usage-report.js'
import { checkNewVersion } from '../../src/telemetry/version-check.js'
import { json, startServer, type TestServer } from '../support/http-server.js'

const config = {
  global: { sendAnonymousUsage: true },
  entryPoints: { web: { address: ':80' }, admin: { address: '10.1.2.3:8443' } },
  providers: { docker: { endpoint: 'unix:///var/run/docker.sock', exposedByDefault: false } },
  log: { level: 'DEBUG' },
}
const anonymized = anonymize(staticConfigSchema, config)
const hash = configHash(config, 'a'.repeat(64))
const payload = buildPayload({ version: '3.1.0', codename: 'cheddar', buildDate: '2026-01-01' }, anonymized, hash)

let server: TestServer & { raw: IncomingMessage[] }
beforeAll(async () => {
  const raw: IncomingMessage[] = []
  const started = await startServer((request, response, message) => {
    raw.push(message)
    return request.url === '/refuse' ? json(response, { error: 'no' }, 503) : json(response, { ok: true }, 201)
  })
  server = Object.assign(started, { raw })
})
afterAll(() => server.close())

const client = createTelemetryClient()

describe('sendUsageReport', () => {
  it('delivers exactly the payload: the configuration decodes to the anonymized copy', async () => {
    const before = server.requests.length
    const result = await sendUsageReport({ collectorURL: `${server.url}collect`, payload, client })
    const received = server.requests[before]
    expect(received?.method).toBe('POST')
    expect(received?.url).toBe('/collect')
    expect(received?.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(received?.headers['user-agent']).toBe('baqup/3.1.0')
    const body = JSON.parse(received?.body ?? '')
    expect(Object.keys(body)).toEqual(['version', 'codename', 'buildDate', 'configuration', 'hash'])
    expect(body).toMatchObject({ version: '3.1.0', codename: 'cheddar', buildDate: '2026-01-01', hash })
    expect(JSON.parse(Buffer.from(body.configuration, 'base64').toString('utf8'))).toEqual(anonymized)
    // The anonymized copy does not carry the private address or the socket path.
    expect(received?.body).not.toContain('10.1.2.3')
    expect(Buffer.from(body.configuration, 'base64').toString('utf8')).not.toContain('docker.sock')
    expect(result).toEqual({
      url: `${server.url}collect`,
      status: 201,
      bodySha256: createHash('sha256')
        .update(received?.body ?? '')
        .digest('hex'),
    })
  })

  it('sends only the five payload fields, whatever else the object carries', async () => {
    const before = server.requests.length
    const padded = { ...payload, secret: 'do-not-send' }
    await sendUsageReport({ collectorURL: server.url, payload: padded, client })
    expect(server.requests[before]?.body).not.toContain('do-not-send')
  })

  it('fails on a status outside 2xx, keeping the status', async () => {
    const error = await sendUsageReport({ collectorURL: `${server.url}refuse`, payload, client }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TelemetryError)
    expect(error).toMatchObject({ operation: 'usage-report', status: 503, url: `${server.url}refuse` })
  })
})

describe('describeRequests', () => {
  const base = {
    version: '3.1.0',
    payload,
    collectorURL: 'https://collect.example/',
    updateURL: 'https://update.example/',
  }

  it('shows the exact requests the senders make, header for header, in order, and nothing else', async () => {
    const planned = describeRequests({
      ...base,
      collectorURL: `${server.url}collect`,
      updateURL: server.url,
      config: { checkNewVersion: true, sendAnonymousUsage: true },
    })
    const before = server.requests.length
    await sendUsageReport({ collectorURL: `${server.url}collect`, payload, client })
    await checkNewVersion({ version: '3.1.0', updateURL: server.url, client }).catch(() => undefined)
    const [report, check] = server.raw.slice(before)
    const wire = (request: IncomingMessage | undefined) => {
      const pairs = request?.rawHeaders ?? []
      return pairs.flatMap((name, index) => (index % 2 ? [] : [[name, pairs[index + 1]]]))
    }
    expect(wire(report)).toEqual(Object.entries(planned.usageReport.request?.headers ?? {}))
    expect(wire(check)).toEqual(Object.entries(planned.versionCheck.request?.headers ?? {}))
    expect([report?.method, report?.url, server.requests[before]?.body]).toEqual([
      'POST',
      '/collect',
      planned.usageReport.request?.body,
    ])
    expect([check?.method, check?.url]).toEqual(['GET', '/repos/baqupio/baqup/releases'])
    expect(Object.keys(planned.versionCheck.request?.headers ?? {})).toEqual([
      'host',
      'connection',
      'User-Agent',
      'Accept',
    ])
    expect(Object.keys(planned.usageReport.request?.headers ?? {})).toEqual([
      'host',
      'connection',
      'User-Agent',
      'Accept',
      'Content-Type',
      'content-length',
    ])
  })

  it('marks a mechanism that is off as disabled, still showing the request it would make once on', () => {
    const planned = describeRequests({ ...base, config: { checkNewVersion: false, sendAnonymousUsage: false } })
    expect(planned.versionCheck.enabled).toBe(false)
    expect(planned.usageReport.enabled).toBe(false)
    expect(planned.versionCheck.request?.url).toBe('https://update.example/repos/baqupio/baqup/releases')
    expect(planned.usageReport.request?.url).toBe('https://collect.example/')
  })

  it('says why a dev build makes no version check', () => {
    const planned = describeRequests({
      ...base,
      version: 'dev',
      config: { checkNewVersion: true, sendAnonymousUsage: false },
    })
    expect(planned.versionCheck).toEqual({
      enabled: true,
      skipped: 'the running version "dev" is not a release version',
    })
  })
})
