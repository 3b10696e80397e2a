import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * A ClickHouse store location, read once: `clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DB` (HTTP,
 * port 8123 by default) or `clickhouses://…` (HTTPS, port 8443 by default; `?secure=1` says the
 * same), with `?ca=PATH` naming the PEM file of the CA the server's certificate is checked
 * against (the system's CAs otherwise), `?cluster=NAME` (see `topology.ts`) and `?journal=DIR`
 * (one server only: see `journaled.ts`). A password from
 * the URL comes first, else the one from the environment (`BAQUP_COLLECTOR_CLICKHOUSE_PASSWORD`,
 * passed in by `main`). Credentials are handed to the client as options, never in the URL it is
 * given, and {@link describeClickHouse} is the only text of a location that reaches a log.
 */

export const CLICKHOUSE_LOCATION = /^clickhouses?:\/\//i

/** The parameters a location may have: an unknown one (a mistyped `?secure=1`) is refused, not ignored. */
const PARAMETERS = new Set(['cluster', 'secure', 'ca', 'journal'])
const DEFAULT_PORTS = { http: '8123', https: '8443' } as const

export interface ClickHouseConnection {
  /** `http(s)://HOST:PORT`, without credentials: what the client is given as its URL. */
  url: string
  username?: string
  password?: string
  tls?: { ca_cert: Buffer }
}

export interface ClickHouseLocation {
  connection: ClickHouseConnection
  database: string
  /** `?journal=DIR`: group commits are acknowledged from a journal there, inserted many at a time. */
  journal?: string
}

/** A location's mistake, in words that never repeat the location (it may hold a password). */
const problem = (text: string) => new Error(`clickhouse store: ${text}`)

function parse(location: string): URL {
  try {
    return new URL(location)
  } catch {
    throw problem('not a URL (clickhouse://[USER[:PASSWORD]@]HOST:PORT/DB; percent-encode / @ : in a password)')
  }
}

function secureOf(url: URL): boolean {
  const scheme = url.protocol.toLowerCase() === 'clickhouses:'
  const secure = url.searchParams.get('secure')
  if (secure === null) return scheme
  if (!['1', 'true', '0', 'false'].includes(secure)) throw problem('?secure= takes 1 or 0')
  const asked = secure === '1' || secure === 'true'
  if (scheme && !asked) throw problem('clickhouses:// with ?secure=0: choose one')
  return asked
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    throw problem('the user or password is not percent-encoded text')
  }
}

export interface LocationOptions {
  /** The password when the location has none (`BAQUP_COLLECTOR_CLICKHOUSE_PASSWORD`). */
  password?: string
  readFile?: (path: string) => Buffer
}

export function parseClickHouseLocation(location: string, options: LocationOptions = {}): ClickHouseLocation {
  const { password = undefined, readFile = readFileSync } = options
  const url = parse(location)
  for (const name of url.searchParams.keys())
    if (!PARAMETERS.has(name)) throw problem(`unknown parameter ?${name}= (known: ${[...PARAMETERS].join(', ')})`)
  const database = url.pathname.replace(/^\//, '') || 'baqup'
  if (!/^\w+$/.test(database)) throw problem('the database name must be letters, digits or _')
  if (!url.hostname) throw problem('no host')
  const secure = secureOf(url)
  const ca = url.searchParams.get('ca')
  if (ca !== null && !secure) throw problem('?ca= is for TLS: clickhouses:// or ?secure=1')
  let caCert: Buffer | undefined
  if (ca) {
    try {
      caCert = readFile(ca)
    } catch (error) {
      throw problem(`cannot read the CA file ${ca} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
    }
  }
  const journal = url.searchParams.get('journal')
  if (journal !== null && url.searchParams.has('cluster'))
    throw problem("?journal= is for one server: on a cluster, a report's 200 waits for two replicas")
  if (journal === '') throw problem('?journal= names a folder')
  const scheme = secure ? 'https' : 'http'
  const username = url.username ? decoded(url.username) : undefined
  const secret = url.password ? decoded(url.password) : password || undefined
  return {
    connection: {
      url: `${scheme}://${url.hostname}:${url.port || DEFAULT_PORTS[scheme]}`,
      ...(username !== undefined && { username }),
      ...(secret !== undefined && { password: secret }),
      ...(caCert && { tls: { ca_cert: caCert } }),
    },
    database,
    ...(journal !== null && { journal: resolve(journal) }),
  }
}

/** A location for logs and the start-up line: its password, if any, left out; the rest as given. */
export function describeClickHouse(location: string): string {
  let url: URL
  try {
    url = new URL(location)
  } catch {
    return `${location.slice(0, location.indexOf('//') + 2)}(a location that does not parse)`
  }
  url.password = ''
  return url.href
}
