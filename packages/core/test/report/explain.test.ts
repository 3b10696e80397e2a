import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { anonymize, MASKED } from '../../src/report/anonymize.js'
import type { Decision } from '../../src/report/decision.js'
import { anonymizeExplained, explain } from '../../src/report/explain.js'
import { SCRUBBED } from '../../src/report/scrub.js'
import { genericSchema } from '../fixtures/anonymize/generic-schema.js'
import { readReference } from '../support/reference.js'

/** The steps of `a.b[0]["c.d"]`, as written. */
const steps = (path: string) => path.match(/[\w-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g) ?? []

/**
 * A decision's path (the entry names as the configuration writes them) in the anonymized copy,
 * where a renamed entry is found under the name it is sent as (`entryPoints.foobar` → `entryPoints.entry-1`).
 */
function sentPath(path: string, decisions: readonly Decision[]): string {
  let sent = path
  for (const { path: entry, reason } of decisions) {
    const renamed = /^scrubbed: entry name .* sent as (\S+)$/.exec(reason)?.[1]
    if (!renamed || !(sent === entry || sent.startsWith(`${entry}.`) || sent.startsWith(`${entry}[`))) continue
    const parent = steps(entry).slice(0, -1).join('.').replaceAll('.[', '[')
    sent = `${parent}.${renamed}${sent.slice(entry.length)}`
  }
  return sent
}

/** Reads `a.b[0]["c.d"]` in a value; undefined when any step is missing. */
function at(value: unknown, path: string): unknown {
  let current = value
  for (const step of steps(path)) {
    if (typeof current !== 'object' || current === null) return undefined
    const key = step.startsWith('["')
      ? JSON.parse(step.slice(1, -1))
      : step.startsWith('[')
        ? Number(step.slice(1, -1))
        : step
    if (!Object.hasOwn(current, key)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

describe('explain', () => {
  it('gives every occurrence of a repeated duration its own decision, valid or not', () => {
    const transport = (readTimeout: unknown) => ({ address: ':80', transport: { respondingTimeouts: { readTimeout } } })
    const config = {
      entryPoints: {
        web: transport('90'),
        websecure: transport('90'),
        http: transport('soon'),
        https: transport('soon'),
      },
    }
    const decisions = explain(staticConfigSchema, config).filter(({ path }) => path.endsWith('readTimeout'))
    expect(decisions.map(({ path, decision }) => [path.split('.')[1], decision])).toEqual([
      ['web', 'kept'],
      ['websecure', 'kept'],
      ['http', 'removed'],
      ['https', 'removed'],
    ])
    const anonymized = anonymize(staticConfigSchema, config) as { entryPoints: Record<string, unknown> }
    expect(anonymized.entryPoints.websecure).toEqual({
      address: ':80',
      transport: { respondingTimeouts: { readTimeout: '1m30s' } },
    })
    expect(anonymized.entryPoints.https).toEqual({ address: ':80', transport: { respondingTimeouts: {} } })
  })

  it('explains the documentation example, path by path in the configuration order', () => {
    const config = {
      entryPoints: { web: { address: ':80' } },
      api: {},
      providers: {
        docker: {
          endpoint: 'tcp://10.10.10.10:2375',
          exposedByDefault: true,
          tls: { ca: 'dockerCA', cert: 'dockerCert', key: 'dockerKey', insecureSkipVerify: true },
        },
      },
    }
    expect(explain(staticConfigSchema, config)).toEqual([
      { path: 'entryPoints.web.address', decision: 'kept', reason: 'exported (any interface)' },
      { path: 'api', decision: 'kept', reason: 'exported' },
      { path: 'providers.docker.endpoint', decision: 'masked', reason: 'not exported' },
      { path: 'providers.docker.exposedByDefault', decision: 'kept', reason: 'exported' },
      { path: 'providers.docker.tls.ca', decision: 'masked', reason: 'not exported' },
      { path: 'providers.docker.tls.cert', decision: 'masked', reason: 'not exported' },
      { path: 'providers.docker.tls.key', decision: 'masked', reason: 'not exported' },
      { path: 'providers.docker.tls.insecureSkipVerify', decision: 'kept', reason: 'exported' },
    ])
  })

  it('names the pattern that scrubbed a value, and the containers removed whole', () => {
    const config = {
      entryPoints: {
        web: { address: '10.0.0.1:80', http: { tls: { domains: [{ main: 'example.com' }] } }, udp: { timeout: '3s' } },
      },
      providers: { plugin: { demo: { token: 't' } } },
      log: { level: 'DEBUG', filePath: '' },
    }
    expect(explain(staticConfigSchema, config)).toEqual([
      { path: 'entryPoints.web.address', decision: 'scrubbed', reason: 'scrubbed: host of an address (port kept)' },
      { path: 'entryPoints.web.http.tls.domains[0].main', decision: 'masked', reason: 'not exported' },
      { path: 'entryPoints.web.udp', decision: 'removed', reason: 'not exported: removed (object)' },
      { path: 'providers.plugin', decision: 'removed', reason: 'not exported: removed (map)' },
      { path: 'log.level', decision: 'kept', reason: 'exported' },
      { path: 'log.filePath', decision: 'removed', reason: 'not exported: removed (empty)' },
    ])
  })

  it('writes list items with their index and names with dots in brackets', () => {
    const config = {
      tags: ['web', 'ops@example.com'],
      points: { 'edge.example.com': { address: ':443', domains: [{ main: 'a', wildcard: true }] } },
      nope: 1,
    }
    expect(explain(genericSchema, config)).toEqual([
      { path: 'tags[0]', decision: 'masked', reason: 'not exported: no closed shape' },
      { path: 'tags[1]', decision: 'masked', reason: 'not exported: no closed shape' },
      {
        path: 'points["edge.example.com"]',
        decision: 'scrubbed',
        reason: 'scrubbed: entry name not in the names dictionary, sent as name-1',
      },
      { path: 'points["edge.example.com"].address', decision: 'kept', reason: 'exported (any interface)' },
      { path: 'points["edge.example.com"].domains[0].main', decision: 'masked', reason: 'not exported' },
      { path: 'points["edge.example.com"].domains[0].wildcard', decision: 'kept', reason: 'exported' },
      { path: 'nope', decision: 'removed', reason: 'unknown option: removed' },
    ])
  })

  it.each([
    [{ hiddenCount: 1 }, 'not exported: removed (number)'],
    [{ hiddenFeature: null }, 'not exported: removed (section)'],
    [{ hiddenFeature: true }, 'not exported: removed (section)'],
    [{ hiddenFeature: false }, 'not exported: removed (section)'],
    [{ buckets: [1, 'two'] }, 'unexpected value'],
    [{ buckets: 3 }, 'unexpected value'],
    [{ hiddenOn: false }, 'not exported: removed (bool)'],
    [{ hiddenTimeout: '1s' }, 'not exported: removed (duration)'],
    [{ headers: { a: 'b' } }, 'not exported: removed (map)'],
    [{ hiddenFeature: {} }, 'not exported: removed (section)'],
    [{ settings: { a: 1 } }, 'free-form content: never sent'],
    [{ feature: false }, 'switched off'],
    [{ name: 7 }, 'unexpected value'],
  ])('says why %j is removed', (config, reason) => {
    expect(explain(genericSchema, config)).toEqual([{ path: Object.keys(config)[0], decision: 'removed', reason }])
  })

  it("agrees with anonymize on every path of Traefik's redactor fixture", () => {
    const config = parseYaml(readReference('redactor/static-input.yaml'))
    const out = anonymize(staticConfigSchema, config)
    const decisions = explain(staticConfigSchema, config)
    expect(decisions.length).toBeGreaterThan(200)
    expect(new Set(decisions.map((d) => d.path)).size).toBe(decisions.length)
    for (const { path, decision, reason } of decisions) {
      const value = at(out, sentPath(path, decisions))
      const renamed = / sent as (\S+)$/.exec(reason)?.[1]
      if (decision === 'removed') expect(value, path).toBeUndefined()
      else if (decision === 'masked') {
        const original = at(config, path)
        expect(value, path).toEqual(Array.isArray(original) ? original.map(() => MASKED) : MASKED)
      } else if (decision === 'scrubbed') {
        // A renamed entry is found under its placeholder, which a reference to it is sent as; any
        // other value is replaced whole, or its host before its port.
        if (reason.startsWith('scrubbed: entry name')) expect(value, path).toBeDefined()
        else if (renamed) expect(value, path).toBe(renamed)
        else expect(value, path).toMatch(new RegExp(`^(${SCRUBBED}|xxxx:\\d+.*)$`))
      } else {
        const original = at(config, path)
        // Kept as written; durations only change form (111s → 1m51s).
        if (typeof original === 'string' && !/^\d+(ns|s)$/.test(original)) expect(value, path).toBe(original)
        else expect(value, path).toBeDefined()
      }
    }
  })
})

describe('anonymizeExplained', () => {
  it('gives the anonymized copy and the decisions of one walk, equal to anonymize and explain', () => {
    const config = parseYaml(readReference('redactor/static-input.yaml'))
    const { anonymized, decisions } = anonymizeExplained(staticConfigSchema, config)
    expect(anonymized).toEqual(anonymize(staticConfigSchema, config))
    expect(decisions).toEqual(explain(staticConfigSchema, config))
  })

  it('keeps a float list whole and says so', () => {
    expect(anonymizeExplained(genericSchema, { buckets: [0.1, 5] })).toEqual({
      anonymized: { buckets: [0.1, 5] },
      decisions: [{ path: 'buckets', decision: 'kept', reason: 'exported' }],
    })
  })
})
