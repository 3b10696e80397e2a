import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { errorOf, load, tempDir, writeIn } from './helpers.js'

const mkfifo = (path: string) => {
  execFileSync('mkfifo', [path])
  return path
}

const servers: Server[] = []
afterAll(() => {
  for (const server of servers) server.close()
})

/** A listening Unix socket at `path`. */
async function socketAt(path: string): Promise<string> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(path, resolve))
  return path
}

/** A working directory whose `baqup.yaml` candidate is what `make` puts there. */
function searchFrom(make: (path: string) => unknown) {
  const cwd = tempDir()
  make(join(cwd, 'baqup.yaml'))
  writeIn(cwd, 'baqup.yml', 'log:\n  level: DEBUG\n')
  return () => load({ fileName: 'baqup', cwd, home: join(cwd, 'no-home'), systemDir: join(cwd, 'no-etc') })
}

describe('only a regular file, or a link to one, is read as configuration', () => {
  it('reads a configuration through a symbolic link to a regular file', () => {
    const dir = tempDir()
    const target = writeIn(dir, 'real.yaml', 'log:\n  level: DEBUG\n')
    symlinkSync(target, join(dir, 'link.yaml'))
    expect(load({ argv: [`--configFile=${join(dir, 'link.yaml')}`] }).config).toEqual({ log: { level: 'DEBUG' } })
  })

  it.each([
    ['a directory', (path: string) => mkdirSync(path), 'a directory'],
    ['a socket', socketAt, 'a socket'],
    ['a link to a directory', (path: string) => symlinkSync(tempDir(), path), 'a directory'],
  ])('refuses %s given as --configFile, located at the path', async (_name, make, kind) => {
    const path = join(tempDir(), 'baqup.yaml')
    await make(path)
    const error = errorOf(() => load({ argv: [`--configFile=${path}`] }))
    expect(error.message).toBe(`${path}: not a regular file: ${kind}`)
  })

  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/null', 'a character device'],
  ])('refuses the device %s', (path, kind) => {
    expect(errorOf(() => load({ argv: [`--configFile=${path}`] })).problem).toBe(`not a regular file: ${kind}`)
  })

  it.each([
    ['a named pipe', mkfifo, 'a named pipe (FIFO)'],
    ['a link to a named pipe', (path: string) => symlinkSync(mkfifo(`${path}.fifo`), path), 'a named pipe (FIFO)'],
    ['a directory', (path: string) => mkdirSync(path), 'a directory'],
  ])('refuses %s found among the search candidates, rather than skipping to the next', async (_name, make, kind) => {
    const search = searchFrom(make)
    const error = errorOf(search)
    expect(error.problem).toBe(`not a regular file: ${kind}`)
    expect(error.source.endsWith('baqup.yaml')).toBe(true)
  })

  it('still skips a candidate that does not exist, or a dangling link', () => {
    expect(searchFrom(() => undefined)().config).toEqual({ log: { level: 'DEBUG' } })
    expect(searchFrom((path) => symlinkSync(join(tempDir(), 'gone'), path))().config).toEqual({
      log: { level: 'DEBUG' },
    })
  })
})
