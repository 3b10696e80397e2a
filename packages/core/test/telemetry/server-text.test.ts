import { describe, expect, it } from 'vitest'
import { MAX_SERVER_MESSAGE, releaseLink, serverMessage } from '../../src/telemetry/server-text.js'

describe('serverMessage', () => {
  it.each([
    ['{"error":{"code":"no-releases","message":"no release list available"}}', 'no release list available'],
    ['{"error":"down"}', 'down'],
    ['{"message":"Not Found"}', 'Not Found'],
    ['{"error":{"message":"two\\n  lines"}}', 'two lines'],
    ['{"error":{"message":"\\u001b[2Jcleared \\u00e9"}}', '?[2Jcleared ?'],
  ])('reads %s as %j', (body, said) => {
    expect(serverMessage(body)).toBe(said)
  })

  it.each(['internal error', '[]', 'null', '{"error":{"code":"x"}}', '{"message":"   "}', '{"message":42}'])(
    'says nothing of %s',
    (body) => {
      expect(serverMessage(body)).toBeUndefined()
    },
  )

  it(`keeps at most ${MAX_SERVER_MESSAGE} characters`, () => {
    const said = serverMessage(JSON.stringify({ message: 'x'.repeat(10_000) })) ?? ''
    expect(said).toHaveLength(MAX_SERVER_MESSAGE)
    expect(said.endsWith('...')).toBe(true)
  })
})

describe('releaseLink', () => {
  it('keeps an https: link', () => {
    expect(releaseLink('https://github.com/baqupio/baqup/releases/tag/v3.8.0')).toBe(
      'https://github.com/baqupio/baqup/releases/tag/v3.8.0',
    )
  })

  it.each([
    'http://github.com/x',
    'javascript:alert(1)',
    'https://user:pass@github.com/x',
    'https://github.com/\u001b[31m',
    'https://github.com/a b',
    `https://github.com/${'a'.repeat(400)}`,
    'not a url',
    42,
    undefined,
  ])('drops %j', (value) => {
    expect(releaseLink(value)).toBeUndefined()
  })
})
