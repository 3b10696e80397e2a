import { describe, expect, it } from 'vitest'
import { describeCause } from '../../src/telemetry/errors.js'
import { NETWORK_WORDS, UNKNOWN_TLS_FAILURE } from '../../src/telemetry/network-words.js'

/** An error as undici reports one: a wrapper, its cause carrying the code. */
const failure = (code: string, message = 'error:0A00010B:SSL routines::something') =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) })

describe('describeCause', () => {
  it.each(Object.entries(NETWORK_WORDS))('%s is said in words, without the code', (code, words) => {
    const said = describeCause(failure(code))
    expect(said).toBe(words)
    expect(said).not.toContain(code)
    expect(said).not.toMatch(/SSL routines/)
  })

  it.each(['ERR_SSL_SOMETHING_NEW', 'ERR_TLS_HANDSHAKE_TIMEOUT', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE'])(
    'a TLS code the table does not know (%s): in general words, with the code to search for',
    (code) => {
      expect(describeCause(failure(code))).toBe(`${UNKNOWN_TLS_FAILURE} (${code})`)
    },
  )

  it('another code: the innermost message, first line only', () => {
    expect(describeCause(failure('EWHATEVER', 'the wire melted\nstack…'))).toBe('the wire melted')
  })
})
