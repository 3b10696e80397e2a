import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli, STACK_FRAME } from './run-cli.js'

const certificate = (name: string) =>
  readFileSync(new URL(`../../core/test/support/tls/localhost.${name}`, import.meta.url), 'utf8')

const servers = new Set<Server>()
afterEach(async () => {
  await Promise.all([...servers].map((server) => new Promise((resolve) => server.close(resolve))))
  servers.clear()
})

async function listen(server: Server): Promise<number> {
  servers.add(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A port that was free a moment ago, with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createHttpServer()
  const port = await listen(server)
  servers.delete(server)
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** What OpenSSL and Node call these failures: the operator is told in words instead. */
const RAW_CODES = /ERR_SSL|SSL routines|error:0A|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|CERT_|ECONN|ENOTFOUND|ETIMEDOUT/

describe('check-version says network and TLS failures in words', () => {
  it.each([
    [
      'a plain HTTP server on the port',
      () => listen(createHttpServer((_request, response) => response.end('[]'))),
      'the server does not speak TLS on this port',
    ],
    [
      'a self-signed certificate',
      () => listen(createHttpsServer({ key: certificate('key'), cert: certificate('crt') }, (_q, r) => r.end('[]'))),
      'the server certificate is self-signed, and so not trusted',
    ],
    ['a closed port', closedPort, 'nothing listens on this port'],
  ])('%s', async (_name, serve, words) => {
    const port = await serve()
    const { code, stdout, stderr } = await runCli(['check-version', `--update-url=https://127.0.0.1:${port}/`])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`version check failed (https://127.0.0.1:${port}/repos/baqupio/baqup/releases): ${words}`)
    expect(stderr).not.toMatch(RAW_CODES)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})
