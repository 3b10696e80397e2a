import { staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { collectorConfigSchema } from '../../src/config/schema.js'
import { type Geo, openGeo } from '../../src/geo/open.js'
import { type Collector, createCollector } from '../../src/server/app.js'
import { DEVELOPMENT } from '../../src/server/known-versions.js'
import { releaseList } from '../../src/server/release-list.js'
import type { ReleasesSource } from '../../src/server/releases.js'
import { OTHER_VERSION } from '../../src/server/update.js'
import { WINDOWS } from '../../src/stats/window.js'
import type { Store } from '../../src/store/store.js'
import { closedSets, expectClosed, jsonStrings } from '../support/closed-sets.js'
import { csvProblems, parseCSV } from '../support/csv.js'
import { describeEngines, storesOf } from '../support/engines.js'
import { hostileItems, type Item } from '../support/hostile.js'

/**
 * Public answers (issue 17, item 7): reports and version checks with random and hostile text in
 * every field, the accepted ones included, are posted on a day; the next day every public answer
 * is read: the summary of each window, the options that appear, the day's JSON and CSV files,
 * the OpenAPI document and the dashboard. With --min-count=1 and --min-networks=1, whatever can be
 * published is. No planted text may appear in any answer, every string of the JSON answers and
 * every CSV cell must belong to a closed set the code owns, and the CSV must be RFC 4180 with no
 * unquoted cell that starts like a formula.
 */

const RUNS = Number(process.env.PUBLIC_ANSWERS_RUNS) || 20
const DAY_MS = 86_400_000
const FIRST_DAY = Date.parse('2025-01-01T12:00:00Z')
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10)
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`)

const TAGS = ['v2.11.3', 'v3.0.0', 'v3.1.0', 'v3.6.2', 'v3.7.0', 'v3.8.0-rc.1']
const list = releaseList(TAGS.map((tag) => ({ tag_name: tag, draft: false, prerelease: tag.includes('-') })))
const releases: ReleasesSource = { current: async () => list }
const known = [...list.versions]
const sets = closedSets(staticConfigSchema, [...known, DEVELOPMENT, OTHER_VERSION])
const config = collectorConfigSchema.parse({
  store: 'unused',
  minCount: 1,
  minNetworks: 1,
  trustProxy: '127.0.0.1',
  maxInstallationsPerNetwork: 1000,
})
// Every forwarded address is looked up, the hostile ones included: a country is published from its closed set only.
let geo: Geo
beforeAll(async () => {
  geo = await openGeo()
}, 60_000)
const collectorAt = (store: Store, now: Date): Collector =>
  createCollector({ config, store, now: () => now, releases, locate: (address) => geo.lookup(address) })

const items = hostileItems(
  { schema: staticConfigSchema, releases: known, until: new Date(FIRST_DAY) },
  { minLength: 20, maxLength: 40 },
)

/** Every day of the windows the test reads: text a planted day or part of one may match. */
const daysText = Array.from({ length: RUNS * 4 + 800 }, (_, index) => dayOf(FIRST_DAY + (index - 400) * DAY_MS)).join(
  '\n',
)

interface Read {
  /** Every distinct string of the JSON answers and CSV cells, with where it was first seen. */
  strings: Map<string, string>
  /** Text served as is (the dashboard page, the OpenAPI document). */
  documents: string[]
}

const reading = (): Read => ({ strings: new Map(), documents: [] })

function keep(into: Read, strings: Iterable<[string, string]>) {
  for (const [where, text] of strings) if (!into.strings.has(text)) into.strings.set(text, where)
}

async function read(collector: Collector, url: string, into: Read) {
  const answer = await collector.app.inject({ method: 'GET', url })
  expect(answer.statusCode, url).toBe(200)
  const type = String(answer.headers['content-type'])
  if (type.includes('json')) {
    const strings = [...jsonStrings(answer.json())].map(([where, text]): [string, string] => [`${url} ${where}`, text])
    if (!url.includes('openapi')) expectClosed(sets, url, strings)
    keep(into, strings)
    if (url.includes('openapi')) into.documents.push(answer.body)
    return answer.json()
  }
  if (type.includes('csv')) {
    const records = parseCSV(answer.body)
    expect(csvProblems(records), url).toEqual([])
    const cells = records.flatMap((record, line) =>
      record.map((cell, column): [string, string] => [`${url} ${line + 1}:${column + 1}`, cell.value]),
    )
    expectClosed(sets, url, cells)
    keep(into, cells)
    return records
  }
  into.documents.push(answer.body)
  return answer.body
}

/** A report (`POST /`) or a version check, through a trusted proxy that says whom it forwards. */
const requestOf = (item: Item) =>
  ({
    method: item.kind === 'report' ? 'POST' : 'GET',
    url: item.kind === 'report' ? '/' : '/repos/baqupio/baqup/releases',
    remoteAddress: '127.0.0.1',
    headers: item.headers,
    ...(item.payload !== undefined && { payload: item.payload }),
  }) as const

const excused = new Map<string, boolean>()

/** The planted texts of at least 4 characters that no answer may contain: not in a closed set, nor part of a fixed text. */
function leakable(planted: Iterable<string>, fixed: string): string[] {
  const isExcused = (text: string) =>
    text.length < 4 ||
    sets.classify(text) !== undefined ||
    sets.memberText.includes(text) ||
    fixed.includes(text) ||
    daysText.includes(text)
  return [...new Set(planted)].filter((text) => {
    if (!excused.has(text)) excused.set(text, isExcused(text))
    return !excused.get(text)
  })
}

function expectNoPlanted(planted: readonly string[], read: Read) {
  // One search over all the text, then, for a hit, the string or document it is in (a hit across
  // the separator is none).
  const corpus = [...read.strings.keys(), ...read.documents].join('\n')
  const where = (text: string) =>
    [...read.strings].find(([inside]) => inside.includes(text))?.[1] ??
    (read.documents.some((document) => document.includes(text)) ? 'a document' : undefined)
  const found = planted.flatMap((text) => {
    const at = corpus.includes(text) ? where(text) : undefined
    return at ? [`  ${JSON.stringify(text)} in ${at}`] : []
  })
  if (found.length > 0) throw new Error(`${found.length} planted text(s) published:\n${found.join('\n')}`)
}

describeEngines('public answers on $name', (engine) => {
  const open = storesOf(engine)
  let store: Store
  beforeAll(async () => {
    store = await open('public_answers')
  }, 90_000)

  it(`publish no planted text and only closed-set strings (${RUNS} days of hostile posts)`, async () => {
    // What is served whatever is posted: a planted text found in it was not published from a post.
    const baseline = collectorAt(store, new Date(FIRST_DAY))
    const fixed = reading()
    const openapi = await read(baseline, '/api/v1/openapi.json', fixed)
    const page = await read(baseline, '/', fixed)
    for (const days of WINDOWS) await read(baseline, `/?days=${days}`, fixed)
    await baseline.close()
    const fixedText = fixed.documents.join('\n')

    const planted = new Set<string>()
    const statuses = new Map<string, number>()
    const optionsSeen = new Set<string>()
    let run = 0
    let valuesSeen = 0
    // Each run posts on the day after the last one's and reads the next day: windows hold the
    // earlier runs' posts too, so every planted text so far is looked for. Runs share the store:
    // a shrunk run would read the failing run's rows, so the first failure is reported as it is,
    // the error listing each offending string and where it was found.
    await fc.assert(
      fc.asyncProperty(items, async (batch: Item[]) => {
        const day = dayOf(FIRST_DAY + run++ * DAY_MS)
        const receiving = collectorAt(store, noonOf(day))
        const answers = await Promise.all(batch.map((item) => receiving.app.inject(requestOf(item))))
        await receiving.close()
        answers.forEach((answer, index) => {
          const key = `${batch[index]?.kind} ${answer.statusCode}`
          statuses.set(key, (statuses.get(key) ?? 0) + 1)
        })
        for (const item of batch) for (const text of item.planted) planted.add(text)

        const reader = collectorAt(store, noonOf(dayOf(Date.parse(`${day}T12:00:00Z`) + DAY_MS)))
        const got = reading()
        // The week, and one of the longer windows in turn (all four at the end).
        for (const days of [7, WINDOWS[1 + (run % 3)]]) await read(reader, `/api/v1/summary?days=${days}`, got)
        const daily = await read(reader, `/data/daily/${day}.json`, got)
        await read(reader, `/data/daily/${day}.csv`, got)
        expect(await read(reader, '/', got)).toBe(page)
        valuesSeen += daily.values.length
        // The day's options, those with values first: two of them now, every one at the end.
        const paths = [...new Set<string>([...daily.values, ...daily.options].map((row: { path: string }) => row.path))]
        for (const path of paths.slice(0, 2)) await read(reader, `/api/v1/options/${path}?days=7`, got)
        for (const path of paths) optionsSeen.add(path)
        await reader.close()
        expectNoPlanted(leakable(planted, fixedText), got)
      }),
      { numRuns: RUNS, endOnFailure: true },
    )

    // At the end, every option that appeared, over a window that holds every post.
    const last = collectorAt(store, noonOf(dayOf(FIRST_DAY + run * DAY_MS)))
    const days = WINDOWS.find((window) => window >= run) ?? 365
    const got = reading()
    const everyOption = [...optionsSeen]
    for (let at = 0; at < everyOption.length; at += 8)
      await Promise.all(
        everyOption.slice(at, at + 8).map((path) => read(last, `/api/v1/options/${path}?days=${days}`, got)),
      )
    for (const window of WINDOWS) await read(last, `/api/v1/summary?days=${window}`, got)
    const summary = await read(last, `/api/v1/summary?days=${days}`, got)
    expect(await read(last, '/api/v1/openapi.json', got)).toEqual(openapi)
    // The schema route, where it exists: served from the schema, it is searched for planted text only.
    for (const version of known) {
      const schema = await last.app.inject({ method: 'GET', url: `/api/v1/schema/${version}` })
      if (schema.statusCode === 200) got.documents.push(schema.body)
    }
    await last.close()
    expectNoPlanted(leakable(planted, fixedText), got)

    // Not vacuous: reports and checks of every kind were accepted, versions, checks, options and
    // values published, and most planted texts were looked for.
    expect(statuses.get('report 200') ?? 0).toBeGreaterThan(RUNS * 3)
    expect(summary.versions.length).toBeGreaterThan(0)
    expect(summary.versionChecks.map((row: { version: string }) => row.version)).toContain(OTHER_VERSION)
    expect(valuesSeen).toBeGreaterThan(0)
    expect(optionsSeen.size).toBeGreaterThan(10)
    expect(leakable(planted, fixedText).length).toBeGreaterThan(planted.size / 2)
  }, 240_000)
})
