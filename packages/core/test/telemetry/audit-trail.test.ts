import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UsagePayload } from '../../src/report/payload.js'
import { readState } from '../../src/state/state.js'
import { TelemetryError } from '../../src/telemetry/errors.js'
import { createTelemetryClient, type TelemetryClientOptions } from '../../src/telemetry/http.js'
import { stateLedger } from '../../src/telemetry/state-ledger.js'
import { sendAndRecordReport } from '../../src/telemetry/usage-report.js'
import { type ReceivedRequest, startServer, type TestServer } from '../support/http-server.js'
import { LOCALHOST_TLS, trustingDispatcher } from '../support/tls.js'

const payload: UsagePayload = {
  version: '3.0.0',
  codename: 'cheddar',
  buildDate: '2026-01-01',
  configuration: Buffer.from('{}').toString('base64'),
  hash: 'f'.repeat(64),
}
const AT = '2026-02-03T04:05:06.000Z'

let folder: string
let statePath: string
const servers: TestServer[] = []
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'baqup-audit-'))
  statePath = join(folder, 'telemetry.json')
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  rmSync(folder, { recursive: true, force: true })
})

type Handler = (request: ReceivedRequest, response: ServerResponse) => void
async function serve(handler: Handler, tls = false) {
  const server = await startServer(handler, tls ? { tls: LOCALHOST_TLS } : {})
  servers.push(server)
  return server
}

async function send(url: string, options: TelemetryClientOptions = {}, signal?: AbortSignal) {
  const client = createTelemetryClient({ dispatcher: trustingDispatcher(), ...options })
  const ledger = stateLedger(statePath)
  return sendAndRecordReport({ collectorURL: url, payload, client, ledger, at: AT, signal }).catch(
    (error: unknown) => error,
  )
}
const trail = () => readState(statePath)?.reports ?? []
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const downgrade =
  (status: number): Handler =>
  (_request, response) => {
    response.writeHead(status, { location: 'http://127.0.0.1:9/downgraded?token=s3cret' })
    response.end()
  }
const huge: Handler = (_request, response) => {
  response.writeHead(200)
  response.end(Buffer.alloc(2 * 1024 * 1024, 0x20))
}
/** No content-length: the cap must be met while reading. */
const streamed: Handler = (_request, response) => {
  response.writeHead(200)
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  for (let sent = 0; sent < 2 * 1024 * 1024; sent += chunk.length) response.write(chunk)
  response.end()
}

describe('the audit trail holds every report whose body reached the network', () => {
  it.each([
    ['answered 200', (_r, response) => response.end('{}'), false, {}, { status: 200, outcome: 'answered' }],
    ['answered 500', (_r, response) => response.writeHead(500).end(), false, {}, { status: 500, outcome: 'answered' }],
    ['answered 200 with a body over 1 MiB', huge, false, {}, { status: 200, outcome: 'too-large' }],
    ['answered 200 with a streamed body over 1 MiB', streamed, false, {}, { status: 200, outcome: 'too-large' }],
    ['redirected 307 from https to http', downgrade(307), true, {}, { status: 307, outcome: 'redirect-refused' }],
    ['redirected 308 from https to http', downgrade(308), true, {}, { status: 308, outcome: 'redirect-refused' }],
    ['never answered once the body arrived', () => {}, false, { timeoutMs: 300 }, { outcome: 'timeout' }],
    [
      'dropped once the body arrived',
      (_r, response) => response.socket?.destroy(),
      false,
      {},
      { outcome: 'connection-lost' },
    ],
  ] as [string, Handler, boolean, TelemetryClientOptions, { status?: number; outcome: string }][])(
    '%s',
    async (_name, handler, tls, options, expected) => {
      const server = await serve(handler, tls)
      const result = await send(`${server.url}collect`, options)
      const received = await server.request()
      const entry = { at: AT, try: 1, url: `${server.url}collect`, bodySha256: sha256(received.body), ...expected }
      expect(trail()).toEqual([entry])
      if (expected.status === 200 && expected.outcome === 'answered') {
        expect(result).toEqual({ url: `${server.url}collect`, status: 200, bodySha256: entry.bodySha256 })
      } else {
        expect(result).toBeInstanceOf(TelemetryError)
      }
    },
  )

  it('holds a report cancelled while in flight', async () => {
    const server = await serve(() => {})
    const controller = new AbortController()
    const pending = send(server.url, {}, controller.signal)
    await server.request()
    controller.abort()
    expect(await pending).toBeInstanceOf(TelemetryError)
    expect(trail()).toMatchObject([{ url: server.url, outcome: 'cancelled' }])
    expect(trail()[0]).not.toHaveProperty('status')
  })

  it('records the URL as displayed: no credentials in it, no query string', async () => {
    const server = await serve((_request, response) => response.end('{}'))
    await send(`${server.url}collect?token=s3cret`)
    expect(trail()).toMatchObject([{ url: `${server.url}collect?…`, outcome: 'answered' }])
  })

  it.each([
    ['a refused endpoint', async () => 'http://collector.example.invalid/'],
    [
      'a refused connection',
      () =>
        new Promise<string>((resolve) => {
          const probe = createServer().listen(0, '127.0.0.1', () => {
            const { port } = probe.address() as { port: number }
            probe.close(() => resolve(`http://127.0.0.1:${port}/`))
          })
        }),
    ],
  ])('holds nothing for %s: the body never left', async (_name, url) => {
    expect(await send(await url())).toBeInstanceOf(TelemetryError)
    expect(trail()).toEqual([])
  })
})
