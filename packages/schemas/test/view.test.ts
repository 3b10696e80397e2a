import { describe, expect, it } from 'vitest'
import { historyReleases } from '../src/history.js'
import { minorRelease } from '../src/release.js'
import { staticConfigSchema } from '../src/static-config.js'
import { allReleasesSchema, schemaFor } from '../src/view.js'

describe('minorRelease', () => {
  it.each([
    ['2.11.0', '2.11'],
    ['v2.11.53', '2.11'],
    ['3.4.9', '3.4'],
    ['3.0.0-rc1', '3.0'],
    ['2.9', '2.9'],
    ['3.7.0', '3.7'],
    ['3.8.0', '3.7'],
    ['4.0.0', '3.7'],
    ['dev', '3.7'],
  ])('%s → %s', (version, release) => {
    expect(minorRelease(version)).toBe(release)
  })

  it.each([
    [
      '1.7.34',
      'Baqup 1.7.34 is older than 2.0, the first release whose static configuration is described (v1 files are not read since v2)',
    ],
    ['latest', 'not a Baqup version: "latest" (expected a release such as 2.11.0 or 3.7.0, or dev)'],
    ['2.12.0', 'Baqup 2.12.0: no such release (the releases described are 2.0 to 3.7)'],
    ['', 'not a Baqup version: "" (expected a release such as 2.11.0 or 3.7.0, or dev)'],
  ])('refuses %j with a sentence', (version, message) => {
    expect(() => minorRelease(version)).toThrow(new RangeError(message))
  })
})

describe('schemaFor', () => {
  it('is built once per minor release: 3.4.0 and 3.4.9 share one view', () => {
    const view = schemaFor('3.4.0')
    expect(schemaFor('3.4.9')).toBe(view)
    expect(schemaFor('v3.4.2').zod).toBe(view.zod)
    expect(view.version).toBe('3.4')
  })

  it('gives the newest release, dev and later releases staticConfigSchema itself', () => {
    for (const version of ['3.7.0', '3.7.9', 'dev', '3.8.0']) {
      expect(schemaFor(version).zod, version).toBe(staticConfigSchema)
      expect(schemaFor(version).version).toBe('3.7')
    }
  })

  it('builds a schema of its own for every other release', () => {
    const schemas = new Set(historyReleases.map((release) => schemaFor(`${release}.0`).zod))
    expect(schemas.size).toBe(historyReleases.length)
    expect(schemas.has(allReleasesSchema())).toBe(false)
  })

  it('parses what the release has and refuses what it has not', () => {
    const v2 = schemaFor('2.11.0').zod
    expect(v2.safeParse({ pilot: { token: 'x' }, providers: { docker: { swarmMode: true } } }).success).toBe(true)
    expect(staticConfigSchema.safeParse({ pilot: { token: 'x' } }).success).toBe(false)
    expect(schemaFor('3.0.0').zod.safeParse({ providers: { kubernetesIngressNGINX: {} } }).success).toBe(false)
    expect(schemaFor('3.5.0').zod.safeParse({ providers: { kubernetesIngressNGINX: {} } }).success).toBe(true)
  })

  it('keeps the newest defaults for the options a release shares with it', () => {
    const effective = schemaFor('2.11.0').zod.parse({ providers: { docker: {} } }) as {
      providers: { docker: Record<string, unknown> }
    }
    expect(effective.providers.docker.exposedByDefault).toBe(true)
  })
})

describe('the view’s legacy table', () => {
  const messageOf = (version: string, pattern: string) => schemaFor(version).legacy.removed[pattern]

  it('says when an option came', () => {
    expect(messageOf('3.0.0', 'providers.kubernetesIngressNGINX')).toBe('added in 3.5 (Baqup 3.0 does not have it)')
    expect(messageOf('2.2.0', 'pilot')).toBe('added in 2.3 (Baqup 2.2 does not have it)')
  })

  it('says when it went, and keeps the migration hint after the removal', () => {
    expect(messageOf('2.6.0', 'hub')).toBe('added in 2.7 (Baqup 2.6 does not have it)')
    expect(messageOf('3.0.0', 'pilot')).toBe('removed in v3: Pilot was discontinued; delete this section')
    expect(messageOf('3.7.0', 'providers.docker.swarmMode')).toBe(
      'removed in v3: Swarm has its own provider; use providers.swarm',
    )
    expect(messageOf('3.7.0', 'global.insecureSNI')).toBe('removed in 2.3 (Baqup 3.7 does not have it)')
  })

  it('names where an option exists when it left and came back', () => {
    expect(messageOf('3.0.0', 'entryPoints.*.http.sanitizePath')).toBe('not in 3.0: only in 2.11 and 3.3 to 3.7')
  })

  it('keeps the v1 keys', () => {
    expect(schemaFor('2.0.0').legacy.v1RootKeys).toContain('defaultEntryPoints')
  })
})
