import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Pair, parseAllDocuments } from 'yaml'
import { ConfigError, type Origin } from './errors.js'
import { depthError, LIMITS, refuseDeepBrackets } from './limits.js'
import { type RawEntry, type RawMap, type RawNode, rawList, rawMap, rawScalar, type ScalarValue } from './raw.js'

/** A parser message without any source text (a syntax error near a secret must not echo it). */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? ''
  return line.length > 120 ? `${line.slice(0, 119)}…` : line
}

class YamlReader {
  private nodes = 0

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly source: string,
  ) {}

  originAt(offset: number | undefined): Origin {
    if (offset === undefined) return { source: this.source }
    const { line, col } = this.lines.linePos(offset)
    return { source: this.source, line, column: col }
  }

  private originOf(node: unknown): Origin {
    return this.originAt((node as { range?: [number] } | null)?.range?.[0])
  }

  private fail(node: unknown, problem: string): ConfigError {
    return new ConfigError({ origin: this.originOf(node), problem })
  }

  private keyOf(node: unknown): string {
    const key = isAlias(node) ? node.resolve(this.doc) : node
    if (!isScalar(key)) throw this.fail(node, 'a key must be a plain name, not a mapping or a list')
    if (key.value === null) return ''
    return typeof key.value === 'string' ? key.value : String(key.source ?? key.value)
  }

  private entriesOf(pairs: readonly Pair[], depth: number): RawEntry[] {
    const entries: RawEntry[] = []
    const merged: RawEntry[] = []
    for (const pair of pairs) {
      const isMerge = isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '<<'
      if (isMerge) {
        // YAML merge keys (`<<: *defaults`), as Go's YAML reader has them: explicit keys win.
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value]
        for (const source of sources) {
          const raw = this.read(source, depth + 1)
          if (raw.type !== 'map') throw this.fail(source, 'a merge key (<<) takes a mapping or a list of mappings')
          merged.push(...raw.entries)
        }
        continue
      }
      const origin = this.originOf(pair.key)
      const value = pair.value === null ? rawScalar(null, origin) : this.read(pair.value, depth + 1)
      entries.push({ key: this.keyOf(pair.key), origin, value })
    }
    const explicit = new Set(entries.map((entry) => entry.key))
    for (const entry of merged) {
      if (explicit.has(entry.key)) continue
      explicit.add(entry.key)
      entries.push(entry)
    }
    return entries
  }

  /** One YAML node as a raw node; aliases are expanded here, so the node count bounds alias bombs. */
  read(node: unknown, depth: number, at?: Origin): RawNode {
    if (++this.nodes > LIMITS.maxNodes) {
      throw this.fail(node, `more than ${LIMITS.maxNodes} values once aliases are expanded: refused (an alias bomb?)`)
    }
    if (depth > LIMITS.maxDepth) {
      const { line, column } = this.originOf(node)
      throw depthError(this.source, line, column)
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc)
      if (!target) throw this.fail(node, `the alias *${node.source} has no anchor`)
      return this.read(target, depth + 1, at ?? this.originOf(node))
    }
    const origin = at ?? this.originOf(node)
    if (isScalar(node)) {
      const value = node.value
      const typed: ScalarValue =
        value === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof value) || value instanceof Date
          ? (value as ScalarValue)
          : String(value)
      const unquoted = node.type === 'PLAIN' && typeof typed !== 'string'
      return rawScalar(typed, origin, unquoted ? node.source : undefined)
    }
    if (isMap(node)) return rawMap(this.entriesOf(node.items as Pair[], depth), origin)
    if (isSeq(node))
      return rawList(
        node.items.map((item) => this.read(item, depth + 1)),
        origin,
      )
    throw this.fail(node, 'unsupported YAML node')
  }
}

/** A YAML text as a located raw tree; undefined when it holds no document (empty or comments only). */
export function yamlToRaw(text: string, source: string): RawMap | undefined {
  refuseDeepBrackets(text, source)
  const lines = new LineCounter()
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, lineCounter: lines })
  const docs = Array.isArray(parsed) ? parsed : []
  for (const doc of docs) {
    const error = doc.errors[0]
    if (error) {
      const { line, col } = lines.linePos(error.pos[0])
      throw new ConfigError({
        origin: { source, line, column: col },
        problem: `YAML syntax error: ${firstLine(error.message)}`,
      })
    }
  }
  // `---` alone, or `---` after the last document, holds a null: no settings.
  const filled = docs.filter((doc) => doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null))
  const [doc, second] = filled
  if (!doc) return undefined
  const reader = new YamlReader(doc, lines, source)
  if (second) {
    throw new ConfigError({
      origin: reader.originAt(second.range[0]),
      problem: `${filled.length} YAML documents: a configuration file holds one`,
    })
  }
  const root = reader.read(doc.contents, 0)
  if (root.type !== 'map') {
    throw new ConfigError({ origin: root.origin, problem: 'the top level is not a mapping of options' })
  }
  return root
}
