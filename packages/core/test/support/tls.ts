import { readFileSync } from 'node:fs'
import { Agent } from 'undici'

/**
 * A self-signed certificate for `localhost`, `127.0.0.1` and `::1`, valid until 2126: a test
 * fixture, trusted only by the dispatcher below.
 */
export const LOCALHOST_TLS = {
  key: readFileSync(new URL('./tls/localhost.key', import.meta.url), 'utf8'),
  cert: readFileSync(new URL('./tls/localhost.crt', import.meta.url), 'utf8'),
}

/** A direct dispatcher that trusts the fixture certificate (and nothing else). */
export const trustingDispatcher = () => new Agent({ connect: { ca: LOCALHOST_TLS.cert } })
