import { listOptions, walk } from '@baqup/core'
import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { editDistance, optionPaths, unknownOption } from '../src/stats/option-path.js'

const paths = optionPaths(listOptions(walk(staticConfigSchema)).map((option) => option.path))

describe('optionPaths().resolve', () => {
  it.each([
    ['log.level', 'log.level'],
    ['entryPoints.<name>.address', 'entryPoints.<name>.address'],
    ['entryPoints.web.address', 'entryPoints.<name>.address'],
    ['  entryPoints.websecure.address ', 'entryPoints.<name>.address'],
    ['certificatesResolvers.le.acme.httpChallenge', 'certificatesResolvers.<name>.acme.httpChallenge'],
    ['entrypoints.web.address', 'entryPoints.<name>.address'],
    ['log.levle', undefined],
    ['entryPoints.web', undefined],
    ['log..level', undefined],
    ['', undefined],
    ['__proto__', undefined],
  ])('%j → %j', (input, path) => {
    expect(paths.resolve(input)).toBe(path)
  })
})

describe('optionPaths().nearest', () => {
  it.each([
    ['log.levle', 'log.level'],
    ['api.dashbaord', 'api.dashboard'],
    ['entryPoints.web', 'entryPoints.<name>.address'],
    ['providers.dockr.exposedByDefault', 'providers.docker.exposedByDefault'],
  ])('%j offers %j', (input, near) => {
    expect(paths.nearest(input)).toContain(near)
  })

  it('offers nothing for what is near nothing, nor for a path too long to be one', () => {
    expect(paths.nearest('zzzzzzzzzzzzzzzzzzzzzzzz')).toEqual([])
    expect(paths.nearest('log.level'.repeat(50))).toEqual([])
  })
})

describe('unknownOption', () => {
  it('is the one error shape, with the nearest paths in the message and as a list', () => {
    expect(unknownOption('log.levle', paths)).toEqual({
      error: {
        code: 'unknown-option',
        message: 'no option "log.levle"; nearest: log.level',
        suggestions: ['log.level'],
      },
    })
  })
})

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['level', 'levle', 2],
    ['kitten', 'sitting', 3],
  ])('%j, %j: %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })

  it('stops past its limit', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3)
  })
})
