import { anonymize, listOptions, NAME_SEGMENT, type SchemaNode, walk } from '@baqup/core'
import { formatDuration } from '@baqup/schemas'
import fc from 'fast-check'
import type * as z from 'zod'

/**
 * Reports and version checks with random and hostile text in every field, for the property test
 * of the public answers. Each item carries the texts planted in it (`planted`): every string and
 * key it was built from, whatever the collector does with it.
 */

/** Where a hostile template puts its random part. */
const HOLE = '§'
const TEMPLATES = [
  '=HYPERLINK("http://§.example.com")',
  '+§',
  '-§',
  '@SUM(§)',
  '§,"x"\r\n=1',
  '<script>§</script>',
  '</script><img src=x onerror=§>',
  '§@example.com',
  'db.§.example.com',
  "'; DROP TABLE reports; -- §",
  '3.7.0-§',
  'v1.2.3-§',
  '10.0.0.1-§',
  '\u001b[31m§',
  '§\u0000x',
  'postgres://admin:§@db.corp',
  '§\ua4f8example\ua4f8com',
]

const ascii = (min: number, max: number) => fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max })

/** Random text, hostile shapes, and near misses of the closed sets (`seeds` with something after them). */
export function hostileText(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
    ascii(1, 24),
    fc.tuple(fc.constantFrom(...TEMPLATES), ascii(4, 8)).map(([template, hole]) => template.replace(HOLE, hole)),
    fc
      .tuple(fc.constantFrom(...seeds), fc.constantFrom('', '-', '.', '_', '+', ' ', '/'), ascii(1, 8))
      .map(([seed, separator, tail]) => `${seed}${separator}${tail}`),
  )
}

/** What a header can carry: control characters and characters past Latin-1 become `?`. */
export const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?')

/** `arbitrary` once in `1 + against` draws, else null. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, against: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: against }, { arbitrary, weight: 1 })

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/)
const lowerWord = fc.stringMatching(/^[a-z]{1,32}$/)
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'))
const ipv6 = fc
  .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
  .map((groups) => groups.map((g) => g.toString(16)).join(':'))

/** `segment` per dotted part of an option path, with the node it reaches (`<name>`: the map's item). */
function nodesAlong(root: SchemaNode, path: string): { segment: string; map?: SchemaNode; node: SchemaNode }[] {
  let node = root
  return path.split('.').map((segment) => {
    if (segment === NAME_SEGMENT) {
      const map = node
      node = map.item as SchemaNode
      return { segment, map, node }
    }
    const list = segment.endsWith('[]')
    const child = node.children?.get(list ? segment.slice(0, -2) : segment) as SchemaNode
    node = list ? (child.item as SchemaNode) : child
    return { segment, node: child }
  })
}

/** An own property, whatever its name (`__proto__` included). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

function within(target: Record<string, unknown>, key: string, list: boolean): Record<string, unknown> {
  const existing = Object.hasOwn(target, key) ? target[key] : undefined
  if (list) {
    if (Array.isArray(existing) && existing[0] && typeof existing[0] === 'object') return existing[0]
    const item = {}
    setOwn(target, key, [item])
    return item
  }
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as Record<string, unknown>
  const inner = {}
  setOwn(target, key, inner)
  return inner
}

interface Placed {
  path: string
  names: string[]
  value: unknown
}

function place(config: Record<string, unknown>, root: SchemaNode, { path, names, value }: Placed) {
  const steps = nodesAlong(root, path)
  let target = config
  let named = 0
  steps.forEach(({ segment }, index) => {
    const key = segment === NAME_SEGMENT ? (names[named++] as string) : segment.replace(/\[\]$/, '')
    if (index === steps.length - 1) setOwn(target, key, value)
    else target = within(target, key, segment !== NAME_SEGMENT && segment.endsWith('[]'))
  })
}

/** Every string and key of a JSON value. */
export function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value
  else if (Array.isArray(value)) for (const item of value) yield* textsOf(item)
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      yield key
      yield* textsOf(item)
    }
}

export interface Item {
  kind: 'report' | 'check'
  headers: Record<string, string>
  /** JSON text of a report. */
  payload?: string
  planted: string[]
}

export interface HostileOptions {
  schema: z.ZodType
  /** Releases the collector knows, as clients send them. */
  releases: readonly string[]
  /** A day the valid build dates end with (the first day posted on). */
  until: Date
}

/** Reports and version checks, with `X-Forwarded-For` as a trusted proxy sends it. */
export function hostileItems(
  { schema, releases, until }: HostileOptions,
  size: { minLength: number; maxLength: number },
) {
  const root = walk(schema)
  const options = listOptions(root)
  const seeds = [...releases, 'dev', ...options.map((option) => option.path)]
  const text = hostileText(seeds)
  const knownVersion = fc.constantFrom(...releases, 'dev')
  const forwarded = fc.oneof({ arbitrary: ipv4, weight: 6 }, { arbitrary: ipv6, weight: 2 }, text.map(headerSafe))

  const stringValue = (node: SchemaNode) =>
    node.values
      ? fc.oneof(fc.constantFrom(...node.values), text)
      : node.names
        ? fc.oneof(fc.constantFrom(...node.names), text)
        : text
  const valueOf = (node: SchemaNode): fc.Arbitrary<unknown> => {
    switch (node.kind) {
      case 'bool':
        return fc.boolean()
      case 'int':
        return fc.integer()
      case 'float':
        return fc.double({ noNaN: true, noDefaultInfinity: true })
      case 'duration':
        return fc.oneof(
          fc.integer({ min: -(10 ** 7), max: 10 ** 7 }),
          fc.bigInt(-(10n ** 15n), 10n ** 15n).map((nanos) => formatDuration(nanos)),
          text,
        )
      case 'string':
      case 'file-or-content':
        return stringValue(node)
      case 'string[]':
      case 'file-or-content[]':
        return fc.array(stringValue(node), { maxLength: 3 })
      case 'float[]':
        return fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 3 })
      case 'map<string,string>':
      case 'map<string,any>':
        return fc.dictionary(node.names ? fc.oneof(fc.constantFrom(...node.names), text) : text, text, { maxKeys: 2 })
      default:
        return fc.constant({})
    }
  }
  const nameOf = (map: SchemaNode) =>
    fc.oneof(
      { arbitrary: text, weight: 3 },
      ...(map.names?.length ? [fc.constantFrom(...map.names)] : []),
      ...(map.placeholder ? [fc.integer({ min: 1, max: 9 }).map((n) => `${map.placeholder}-${n}`)] : []),
    )
  const placed = fc.constantFrom(...options).chain(({ path }) => {
    const steps = nodesAlong(root, path)
    const maps = steps.flatMap((step) => (step.map ? [step.map] : []))
    return fc.record({
      path: fc.constant(path),
      names: maps.length ? fc.tuple(...maps.map(nameOf)) : fc.constant([]),
      value: valueOf(steps.at(-1)?.node as SchemaNode),
    })
  })
  const configuration = fc.record({
    placed: fc.array(placed, { minLength: 1, maxLength: 3 }),
    stray: rarely(fc.tuple(text, text), 2),
  })
  /** The configuration field: mostly what the client sends (anonymized), else the raw text, random JSON or no base64. */
  const configurationField = fc.oneof(
    { arbitrary: configuration.map((built) => ({ $: 'built' as const, built, anonymized: true })), weight: 8 },
    { arbitrary: configuration.map((built) => ({ $: 'built' as const, built, anonymized: false })), weight: 2 },
    {
      arbitrary: fc
        .dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 3 })
        .map((json) => ({ $: 'json' as const, json })),
      weight: 1,
    },
    { arbitrary: text.map((raw) => ({ $: 'raw' as const, raw })), weight: 1 },
  )
  const report = fc.record({
    version: fc.oneof({ arbitrary: knownVersion, weight: 8 }, text),
    codename: fc.oneof({ arbitrary: lowerWord, weight: 8 }, text),
    buildDate: fc.oneof(
      { arbitrary: fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: until, noInvalidDate: true }), weight: 8 },
      fc.constant('unknown'),
      text,
    ),
    configuration: configurationField,
    hash: fc.oneof({ arbitrary: hex64, weight: 10 }, text),
    extra: rarely(fc.tuple(text, text), 9),
    forwarded,
  })

  const reportItem = report.map((drawn): Item => {
    const planted: string[] = []
    let configurationText: string
    const field = drawn.configuration
    if (field.$ === 'built') {
      const config: Record<string, unknown> = {}
      for (const one of field.built.placed) place(config, root, one as Placed)
      if (field.built.stray) setOwn(config, field.built.stray[0], field.built.stray[1])
      planted.push(...textsOf(config))
      let sent: unknown = config
      if (field.anonymized) {
        try {
          sent = anonymize(schema, config)
        } catch {
          // Not a configuration the client could have loaded: sent as it is.
        }
      }
      configurationText = Buffer.from(JSON.stringify(sent)).toString('base64')
    } else if (field.$ === 'raw') {
      planted.push(field.raw)
      configurationText = field.raw
    } else {
      planted.push(...textsOf(field.json))
      configurationText = Buffer.from(JSON.stringify(field.json)).toString('base64')
    }
    const buildDate = drawn.buildDate instanceof Date ? drawn.buildDate.toISOString() : drawn.buildDate
    const body: Record<string, unknown> = {
      version: drawn.version,
      codename: drawn.codename,
      buildDate,
      configuration: configurationText,
      hash: drawn.hash,
    }
    if (drawn.extra) setOwn(body, drawn.extra[0], drawn.extra[1])
    planted.push(...textsOf(body))
    return {
      kind: 'report',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-forwarded-for': drawn.forwarded },
      payload: JSON.stringify(body),
      planted: [...planted, drawn.forwarded],
    }
  })

  const checkItem = fc
    .record({
      agent: fc.oneof(
        { arbitrary: knownVersion.map((version) => `baqup/${version}`), weight: 3 },
        { arbitrary: text.map((version) => `baqup/${version}`), weight: 4 },
        text,
      ),
      forwarded,
    })
    .map(({ agent, forwarded: from }): Item => {
      const sent = headerSafe(agent)
      return {
        kind: 'check',
        headers: { 'user-agent': sent, 'x-forwarded-for': from },
        planted: [sent, sent.replace(/^baqup\//, ''), ...sent.split(/\s+/), from],
      }
    })

  return fc.array(fc.oneof({ arbitrary: reportItem, weight: 3 }, checkItem), size)
}
