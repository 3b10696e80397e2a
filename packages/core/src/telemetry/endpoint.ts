import { isIP } from 'node:net'

/**
 * Where telemetry may connect: `https:` anywhere, plain `http:` only to this machine (tests and
 * local collectors). Checked before every connection, redirects included.
 */

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  // The URL parser has already normalized IPv4 shorthands (`127.1`, `0x7f.1`) to dotted quads.
  return isIP(host) === 4 && host.startsWith('127.')
}

/** Why `url` may not be used as a telemetry endpoint, or `undefined` when it may. */
export function endpointProblem(url: string | URL): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a valid absolute URL'
  }
  if (parsed.username || parsed.password) return 'credentials in the URL are not accepted'
  if (parsed.protocol === 'https:') return undefined
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined
  return `only https: URLs are accepted (plain http: only for loopback addresses), found ${parsed.protocol}//${parsed.host}`
}

/**
 * A URL fit for messages and logs: no credentials, no query string or fragment (they may hold
 * tokens), and no more than 200 characters of anything else.
 */
export function displayURL(url: string | URL): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '(invalid URL)'
  }
  const shown = `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? '?…' : ''}`
  return shown.length > 200 ? `${shown.slice(0, 199)}…` : shown
}

/** `base` with exactly one slash before `path` (`https://h/` + `repos/x` → `https://h/repos/x`). */
export function joinURL(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}
