import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readConfigBytes, readConfigText } from '../../src/config/read.js'
import { errorOf, tempDir, writeIn } from './helpers.js'

describe('readConfigBytes', () => {
  it('sizes its buffer from the file: a small file does not take a megabyte', () => {
    const bytes = readConfigBytes(writeIn(tempDir(), 'small.yaml', 'log:\n  level: INFO\n'))
    expect(bytes.toString('utf8')).toBe('log:\n  level: INFO\n')
    expect(bytes.buffer.byteLength).toBeLessThan(1024)
  })

  it('reads a file of exactly 1 MiB and refuses one byte more', () => {
    const limit = 1024 * 1024
    const dir = tempDir()
    expect(readConfigBytes(writeIn(dir, 'full.yaml', `#${'x'.repeat(limit - 1)}`)).length).toBe(limit)
    expect(errorOf(() => readConfigBytes(writeIn(dir, 'over.yaml', `#${'x'.repeat(limit)}`))).problem).toBe(
      'larger than 1048576 bytes: refused',
    )
  })

  it.runIf(existsSync('/proc/self/status'))('reads a file whole when its size says 0 (/proc)', () => {
    expect(readConfigText('/proc/self/status')).toMatch(/^Name:.*\n[\s\S]*\nPid:/)
  })
})
