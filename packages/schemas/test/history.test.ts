import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { historyReleases, historySource, optionHistory, optionInRelease } from '../src/history.js'

const order = (release: string | null) =>
  release === null ? historyReleases.length : historyReleases.indexOf(release as never)

/** reference/static-options.tsv: the 3.7 specification (path, kind, export). */
const reference = readFileSync(new URL('../../../reference/static-options.tsv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [path = '', kind = '', exported = ''] = line.split('\t')
    return { path, kind, export: exported === 'true' }
  })

describe('optionHistory', () => {
  it('has ordered, disjoint ranges: no until before since', () => {
    for (const option of optionHistory.values()) {
      expect(order(option.since), option.path).toBeLessThanOrEqual(order(option.until))
      let end = -1
      for (const [since, until] of option.ranges) {
        expect(order(since), option.path).toBeGreaterThan(end)
        expect(order(since), option.path).toBeLessThanOrEqual(order(until))
        end = order(until)
      }
      expect(option.ranges[0]?.[0]).toBe(option.since)
      expect(option.ranges.at(-1)?.[1]).toBe(option.until)
    }
  })

  it('names every minor release from 2.0 to 3.7 by the tags read', () => {
    expect(historyReleases).toHaveLength(20)
    for (const release of historyReleases) {
      const tags = historySource.releases[release]
      expect(tags.first, release).toBe(release === '2.9' ? 'v2.9.1' : `v${release}.0`)
      expect(tags.last.startsWith(`v${release}.`), release).toBe(true)
      const count = [...optionHistory.keys()].filter((path) => optionInRelease(path, release)).length
      expect(count, release).toBeGreaterThan(150)
    }
  })

  it('has every 3.7 option of the reference, still present, with its kind and export flag', () => {
    for (const row of reference) {
      const option = optionHistory.get(row.path)
      expect(option, row.path).toBeDefined()
      expect(option?.until, row.path).toBeNull()
      expect(optionInRelease(row.path, '3.7'), row.path).toEqual({ kind: row.kind, export: row.export })
    }
  })

  it('has nothing in 3.7 that the reference lacks', () => {
    const paths = new Set(reference.map((row) => row.path))
    const current = [...optionHistory.values()].filter((option) => option.until === null)
    expect(current.filter((option) => !paths.has(option.path)).map((option) => option.path)).toEqual([])
  })

  it('keeps exact tags only where they start in the minor release they belong to', () => {
    for (const option of optionHistory.values()) {
      const first = option.patches?.[0]?.[0]
      if (first) expect(first.split('.').slice(0, 2).join('.'), option.path).toBe(option.since)
    }
  })
})
