import { historyReleases, optionHistory, optionInRelease, schemaFor, staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { anonymize } from '../../src/report/anonymize.js'
import { configHash } from '../../src/report/hash.js'
import { listOptions } from '../../src/schema/options.js'
import { walk } from '../../src/schema/walk.js'

/** Options of the newest schema whose export flag is Baqup's own (the schemas README's departures). */
const newest = new Map(listOptions(walk(staticConfigSchema)).map((option) => [option.path, option.export]))
const departs = (path: string) => newest.has(path) && newest.get(path) !== optionInRelease(path, '3.7')?.export
const STRINGS = new Set(['string', 'file-or-content', 'string[]', 'map<string,string>'])

describe('a release’s view, through the walk', () => {
  it.each(historyReleases.map((release) => [release]))('%s has exactly the options of its history', (release) => {
    const listed = listOptions(walk(schemaFor(`${release}.0`).zod)).map((option) => option.path)
    const expected = [...optionHistory.keys()].filter((path) => optionInRelease(path, release))
    expect(listed.length).toBe(expected.length)
    expect(new Set(listed)).toEqual(new Set(expected))
  })

  it.each(historyReleases.map((release) => [release]))(
    '%s sends what Traefik sent then, but for Baqup’s departures and removed strings',
    (release) => {
      const differs = listOptions(walk(schemaFor(`${release}.0`).zod)).filter(
        (option) => option.export !== optionInRelease(option.path, release)?.export,
      )
      for (const option of differs) {
        const history = optionHistory.get(option.path)
        const removedString = history?.until !== null && STRINGS.has(history?.kind ?? '')
        expect(departs(option.path) || removedString, `${release} ${option.path}`).toBe(true)
      }
    },
  )

  it('follows the range of an export flag: metrics.influxDB masked in 2.3, sent in 2.4', () => {
    const flag = (version: string, path: string) =>
      listOptions(walk(schemaFor(version).zod)).find((option) => option.path === path)?.export
    expect(flag('2.3.0', 'metrics.influxDB')).toBe(false)
    expect(flag('2.4.0', 'metrics.influxDB')).toBe(true)
    expect(flag('2.4.0', 'metrics.influxDB.pushInterval')).toBe(true)
    expect(flag('2.3.0', 'providers.docker.swarmMode')).toBe(true)
    expect(flag('3.7.0', 'metrics.influxDB')).toBeUndefined()
  })

  it('gives every option its since, and until where it was removed', () => {
    const options = new Map(listOptions(walk(schemaFor('2.11.0').zod)).map((option) => [option.path, option]))
    expect(options.get('providers.docker.swarmMode')).toMatchObject({ since: '2.0', until: '2.11', kind: 'bool' })
    expect(options.get('pilot.token')).toMatchObject({ since: '2.3', until: '2.11', kind: 'string', export: false })
    expect(options.get('entryPoints.<name>.address')).toMatchObject({ since: '2.0', export: true })
    expect(options.get('entryPoints.<name>.address')).not.toHaveProperty('until')
    const current = listOptions(walk(staticConfigSchema))
    expect(current.filter((option) => option.since === undefined)).toEqual([])
    expect(current.filter((option) => option.until !== undefined)).toEqual([])
  })

  it('is walked once per view', () => {
    const view = schemaFor('2.11.0')
    expect(walk(view.zod)).toBe(walk(schemaFor('2.11.9').zod))
  })

  it('reads a section of a release before it could be switched on empty as a plain group (consulCatalog in 2.1)', () => {
    const paths = listOptions(walk(schemaFor('2.1.0').zod)).map((option) => option.path)
    expect(paths).toContain('providers.consulCatalog.prefix')
    expect(paths).not.toContain('providers.consulCatalog')
  })
})

describe('anonymize under a release', () => {
  it('keeps providers.docker.swarmMode under 2.11: it was exported then', () => {
    const config = {
      providers: { docker: { swarmMode: true, endpoint: 'tcp://10.0.0.1:2375' } },
      pilot: { token: 's3cret' },
    }
    expect(anonymize(schemaFor('2.11.0').zod, config)).toEqual({
      providers: { docker: { swarmMode: true, endpoint: 'xxxx' } },
    })
  })

  it('hashes what the release reads', () => {
    const effective = schemaFor('2.11.0').zod.parse({ providers: { docker: { swarmMode: true } } })
    const off = schemaFor('2.11.0').zod.parse({ providers: { docker: { swarmMode: false } } })
    expect(configHash(effective, 'key')).not.toBe(configHash(off, 'key'))
  })
})
