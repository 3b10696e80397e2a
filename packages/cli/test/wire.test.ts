import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectJSON, type MechanismJSON } from './inspection.js'
import { runCli, sandbox } from './run-cli.js'

interface WireRequest {
  method: string
  path: string
  /** Names and values as they arrived, in order. */
  headers: [string, string][]
  body: string
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

/** A node:http server on 127.0.0.1 that keeps each request's raw header list; answers `[]`, or `{}` to a POST. */
async function recordingServer(): Promise<{ url: string; received: WireRequest[] }> {
  const received: WireRequest[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => {
      const raw = request.rawHeaders
      const headers = raw.flatMap((name, index) =>
        index % 2 ? [] : [[name, raw[index + 1] ?? ''] as [string, string]],
      )
      received.push({ method: request.method ?? '', path: request.url ?? '', headers, body })
      response.writeHead(200, { 'content-type': 'application/json' }).end(request.method === 'POST' ? '{}' : '[]')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise((resolve) => server.close(() => resolve()).closeAllConnections()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received }
}

/** What `inspect --json` says goes on the wire, in the server's terms. */
function shown(mechanism: MechanismJSON): WireRequest {
  const { request } = mechanism
  if (!request) throw new Error('inspect shows no request')
  const url = new URL(request.url)
  return {
    method: request.method,
    path: `${url.pathname}${url.search}`,
    headers: Object.entries(request.headers),
    body: request.body ?? '',
  }
}

describe('inspect shows the requests exactly as they go on the wire', () => {
  it('version check and usage report: method, path, every header name and value in order, body', async () => {
    const home = sandbox()
    const server = await recordingServer()
    const env = { BAQUP_TELEMETRY_UPDATE_URL: server.url, BAQUP_TELEMETRY_COLLECTOR_URL: `${server.url}collect` }
    const optIn = '--global.sendAnonymousUsage=true'
    const inspected = await inspectJSON([optIn], { home, env })
    expect((await runCli(['check-version'], { home, env })).code).toBe(0)
    expect((await runCli(['send', optIn], { home, env })).code).toBe(0)
    const [check, report] = server.received
    expect(server.received).toHaveLength(2)
    expect(check).toEqual(shown(inspected.mechanisms.versionCheck))
    expect(report).toEqual(shown(inspected.mechanisms.usageStatistics))
    // What a fetch implementation would add, and none of ours does.
    const names = [...(check?.headers ?? []), ...(report?.headers ?? [])].map(([name]) => name.toLowerCase())
    for (const added of ['accept-language', 'sec-fetch-mode', 'accept-encoding']) expect(names).not.toContain(added)
  })
})
