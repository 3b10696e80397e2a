import { createHash } from 'node:crypto'
import { staticConfigSchema } from '@baqup/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymize } from '../../src/anonymize.js'
import { configHash } from '../../src/hash.js'
import { buildPayload } from '../../src/payload.js'
import { TelemetryError } from '../../src/telemetry/errors.js'
import { createTelemetryClient } from '../../src/telemetry/http.js'
import { buildReportRequest, describeRequests, sendUsageReport } from '../../src/telemetry/usage-report.js'
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

let server: TestServer
beforeAll(async () => {
  server = await startServer((request, response) =>
    request.url === '/refuse' ? json(response, { error: 'no' }, 503) : json(response, { ok: true }, 201),
  )
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

  it('fails on a status outside 2xx, keeping the status and the hash of the body that reached the server', async () => {
    const error = await sendUsageReport({ collectorURL: `${server.url}refuse`, payload, client }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TelemetryError)
    const request = buildReportRequest({ collectorURL: `${server.url}refuse`, payload })
    expect(error).toMatchObject({
      operation: 'usage-report',
      status: 503,
      bodySha256: createHash('sha256')
        .update(request.body ?? '')
        .digest('hex'),
    })
  })
})

describe('describeRequests', () => {
  const base = {
    version: '3.1.0',
    payload,
    collectorURL: 'https://collect.example/',
    updateURL: 'https://update.example/',
  }

  it('shows the exact request the sender makes', async () => {
    const planned = describeRequests({
      ...base,
      collectorURL: server.url,
      config: { checkNewVersion: true, sendAnonymousUsage: true },
    })
    const before = server.requests.length
    await sendUsageReport({ collectorURL: server.url, payload, client })
    const received = server.requests[before]
    expect(planned.usageReport.request?.body).toBe(received?.body)
    for (const [name, value] of Object.entries(planned.usageReport.request?.headers ?? {})) {
      expect(received?.headers[name.toLowerCase()]).toBe(value)
    }
    expect(planned.versionCheck.request).toEqual({
      method: 'GET',
      url: 'https://update.example/repos/baqupio/baqup/releases',
      headers: { 'User-Agent': 'baqup/3.1.0', Accept: 'application/json' },
    })
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
