/**
 * The headers of a request exactly as they go on the wire, in order. The transport (undici's
 * dispatcher) writes `host` first and `connection` second, then the request's own headers in the
 * order given, then `content-length` for a body: the same list, built here, is what is sent and
 * what `inspect` shows. Nothing else is added: no `accept-encoding`, no `accept-language`.
 */

/** Written by the transport at fixed places, whatever the request's own headers say. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length'])

/**
 * `host` as the transport writes it: the host name and a port other than the scheme's default.
 * None for a URL that does not parse: such a request is refused before any connection.
 */
export function hostHeader(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).host : undefined
}

/** The complete header list for `url`; applied to its own result, it changes nothing but `host`. */
export function wireHeaders(
  url: string,
  headers: Readonly<Record<string, string>>,
  body?: string,
): Record<string, string> {
  const own = Object.entries(headers).filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase()))
  const host = hostHeader(url)
  return {
    ...(host === undefined ? {} : { host }),
    // One request a day: no connection is kept open for a next one.
    connection: 'close',
    ...Object.fromEntries(own),
    ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
  }
}
