import { ConfigError } from '@baqup/core'
import { describe, expect, it } from 'vitest'
import { describeFailure, errorDocument, UsageError } from '../src/print.js'

/** A loader that gathers several mistakes throws them together, as AggregateError does. */
const several = () =>
  new AggregateError(
    [
      new ConfigError({
        origin: { source: 'baqup.yaml', line: 3, column: 5 },
        path: 'log.levle',
        problem: 'unknown option',
        code: 'unknown-option',
        suggestion: 'level',
      }),
      new ConfigError({
        origin: { source: 'baqup.yaml', line: 9, column: 12 },
        path: 'api.debug',
        problem: 'not a boolean',
        expected: 'a boolean',
        found: '"yes"',
      }),
    ],
    '2 configuration errors',
  )

describe('errorDocument', () => {
  it('one error: `error` and a one-item `errors`', () => {
    const document = errorDocument(new UsageError('--format must be yaml, json or toml', { source: '--format' }))
    expect(document.errors).toEqual([document.error])
    expect(document.error).toMatchObject({ code: 'usage', source: '--format', line: null, path: null })
  })

  it('several errors: the first in `error`, all in `errors`, in order, each with its code and place', () => {
    const document = errorDocument(several())
    expect(document.errors.map(({ code, line, column, path }) => ({ code, line, column, path }))).toEqual([
      { code: 'unknown-option', line: 3, column: 5, path: 'log.levle' },
      { code: 'invalid-value', line: 9, column: 12, path: 'api.debug' },
    ])
    expect(document.error).toEqual(document.errors[0])
  })
})

describe('describeFailure', () => {
  it('several configuration errors: one line each, exit 2', () => {
    const { messages, code } = describeFailure(several())
    expect(messages).toEqual([
      'baqup.yaml:3:5: log.levle: unknown option — did you mean "level"?',
      'baqup.yaml:9:12: api.debug: not a boolean (expected a boolean, found "yes")',
    ])
    expect(code).toBe(2)
  })

  it('anything not a usage or configuration error is exit 1', () => {
    expect(describeFailure(new Error('boom'))).toEqual({ messages: ['unexpected failure: boom'], code: 1 })
  })
})
