import { listOptions, type SchemaNode, walk } from '@baqup/core'
import { canonicalDuration } from '@baqup/schemas'
import * as z from 'zod'
import { COUNTRY_CODES } from '../../src/geo/country.js'
import { ENTRY_BUCKETS } from '../../src/stats/aggregates.js'
import { dailyCSV } from '../../src/stats/daily.js'
import { NUMBER_EDGES } from '../../src/stats/queries.js'
import { type Daily, dailySchema, optionSchema, summarySchema } from '../../src/stats/schemas.js'
import { challengeType, statsCatalog } from '../../src/stats/sections.js'
import { parseCSV } from './csv.js'

/**
 * The closed sets a public answer may draw its strings from, computed from the code's own data
 * (the schema walk, the statistics catalog, the answers' Zod schemas, the releases list), never
 * written out here: a set that changes in the code changes here.
 */

export interface ClosedSets {
  /** The set a string belongs to, or undefined when it belongs to none. */
  classify(text: string): string | undefined
  /** Every member of the finite sets, one a line: a text found inside it is not planted text. */
  readonly memberText: string
}

function* nodes(node: SchemaNode): Generator<SchemaNode> {
  yield node
  for (const child of node.children?.values() ?? []) yield* nodes(child)
  if (node.item) yield* nodes(node.item)
}

/** Property names, enumerations and constants of a JSON Schema. */
function* schemaWords(schema: unknown): Generator<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) yield* schemaWords(item)
  } else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') yield* Object.keys(value)
      if (key === 'enum' && Array.isArray(value)) yield* value.filter((item) => typeof item === 'string')
      if (key === 'const' && typeof value === 'string') yield value
      yield* schemaWords(value)
    }
  }
}

/** `<0`, `0`, `[0,1)` … `>=1000000`: the labels the number buckets of `queries.ts` are published under. */
const numberBuckets = () => [
  '<0',
  '0',
  ...NUMBER_EDGES.map((edge, index) => `[${index === 0 ? 0 : NUMBER_EDGES[index - 1]},${edge})`),
  `>=${NUMBER_EDGES.at(-1)}`,
]

/** The CSV header and row labels of a daily file with no rows. */
function csvLabels(): string[] {
  const empty = Object.fromEntries(
    Object.entries(dailySchema.shape).map(([key, field]) => [key, field instanceof z.ZodArray ? [] : null]),
  ) as unknown as Daily
  return parseCSV(dailyCSV({ ...empty, other: {} })).flatMap((record) => record.map((cell) => cell.value))
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const NUMBER = /^-?\d+(\.\d+)?$/

export function closedSets(schema: z.ZodType, releases: Iterable<string>): ClosedSets {
  const root = walk(schema)
  const options = listOptions(root)
  const catalog = statsCatalog(schema)
  const all = [...nodes(root)]
  const shapes = all.flatMap((node) => (node.shape ? [node.shape] : []))
  const finite: Record<string, Iterable<string>> = {
    'schema path': [
      ...options.map((option) => option.path),
      ...catalog.sections,
      ...Object.keys(catalog.groups),
      ...catalog.switches,
    ],
    'enumeration value': [
      ...all.flatMap((node) => node.values ?? []),
      ...shapes.flatMap((shape) => ('values' in shape ? shape.values : [])),
    ],
    'dictionary name': [
      ...all.flatMap((node) => node.names ?? []),
      ...shapes.flatMap((shape) => [
        ...('names' in shape ? shape.names : []),
        ...('qualifiers' in shape ? shape.qualifiers : []),
        ...('implicit' in shape ? (shape.implicit ?? []) : []),
      ]),
    ],
    release: releases,
    'field label': [
      ...[summarySchema, optionSchema, dailySchema].flatMap((answer) => [
        ...schemaWords(z.toJSONSchema(answer, { io: 'output' })),
      ]),
      ...csvLabels(),
    ],
    'option kind': options.map((option) => option.kind),
    'option help': options.map((option) => option.description),
    'challenge type': catalog.challenges.map(challengeType),
    country: [...COUNTRY_CODES, 'unknown'],
    'entry bucket': ENTRY_BUCKETS,
    'number bucket': numberBuckets(),
    boolean: ['true', 'false'],
  }
  const members = new Map<string, string>()
  for (const [set, texts] of Object.entries(finite))
    for (const text of texts) if (!members.has(text)) members.set(text, set)
  const prefixes = [...new Set(all.flatMap((node) => (node.placeholder ? [node.placeholder] : [])))]
  const placeholder = new RegExp(`^(?:${prefixes.join('|')})-[1-9]\\d{0,5}$`)
  const patterns: [string, (text: string) => boolean][] = [
    ['placeholder', (text) => placeholder.test(text)],
    ['canonical duration', (text) => canonicalDuration(text) === text],
    ['number', (text) => NUMBER.test(text)],
    ['day', (text) => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)],
  ]
  return {
    classify: (text) => members.get(text) ?? patterns.find(([, test]) => test(text))?.[0],
    memberText: [...members.keys()].join('\n'),
  }
}

/** Every string of a JSON value, keys included, with where it is (`versions.0.version`, `versions.0.<key>`). */
export function* jsonStrings(value: unknown, at = ''): Generator<[where: string, text: string]> {
  const inner = (key: string) => (at ? `${at}.${key}` : key)
  if (typeof value === 'string') yield [at || '<root>', value]
  else if (Array.isArray(value))
    for (const [index, item] of value.entries()) yield* jsonStrings(item, inner(String(index)))
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield [`${inner(key)}.<key>`, key]
      yield* jsonStrings(item, inner(key))
    }
  }
}

/** Throws, listing each one, when any of `strings` belongs to no closed set. */
export function expectClosed(sets: ClosedSets, answer: string, strings: Iterable<[string, string]>): void {
  const offending = [...strings].filter(([, text]) => sets.classify(text) === undefined)
  if (offending.length > 0) {
    const list = offending.map(([where, text]) => `  ${where}: ${JSON.stringify(text)}`).join('\n')
    throw new Error(`${answer}: ${offending.length} string(s) in no closed set:\n${list}`)
  }
}
