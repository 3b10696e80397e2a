import { describe, expect, it } from 'vitest'
import { buildPayload } from '../../src/report/payload.js'

describe('buildPayload', () => {
  const info = { version: '3.1.0', codename: 'saintnectaire', buildDate: '2026-01-02T03:04:05Z' }

  it('carries the build information, the hash and the base64 of the anonymized JSON', () => {
    const anonymized = { entryPoints: { web: { address: ':80' } }, api: {} }
    const payload = buildPayload(info, anonymized, 'f'.repeat(64))
    expect(payload).toEqual({ ...info, configuration: payload.configuration, hash: 'f'.repeat(64) })
    expect(JSON.parse(Buffer.from(payload.configuration, 'base64').toString('utf8'))).toEqual(anonymized)
    // {"a":1} is eyJhIjoxfQ== in base64: checked by hand, not by the code under test.
    expect(buildPayload(info, { a: 1 }, '').configuration).toBe('eyJhIjoxfQ==')
  })

  it('lists the fields in the order the collector documents', () => {
    expect(Object.keys(buildPayload(info, {}, 'h'))).toEqual([
      'version',
      'codename',
      'buildDate',
      'configuration',
      'hash',
    ])
  })

  it('encodes non-ASCII text as UTF-8', () => {
    const payload = buildPayload(info, { name: 'café' }, 'h')
    expect(Buffer.from(payload.configuration, 'base64').toString('utf8')).toBe('{"name":"café"}')
  })
})
