import { type Alias, type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, type Pair } from 'yaml'
import { ConfigError, type Origin } from './errors.js'
import { depthError, LIMITS, refuseDeepBrackets, refuseManyAliases } from './limits.js'
import { type RawEntry, type RawMap, type RawNode, rawList, rawMap, rawScalar, type ScalarValue } from './raw.js'
import { resolveAliases } from './yaml-aliases.js'
import { yamlSyntaxError } from './yaml-errors.js'
import { parseYamlDocuments } from './yaml-parse.js'

class YamlReader {
  private nodes = 0
  /** Characters of keys and text values read so far, aliases expanded. */
  private chars = 0
  private readonly targets: Map<Alias, Node>
  /** While an alias is expanded, where it is written: a limit reached inside is reported there. */
  private expanding: Origin | undefined

  constructor(
    doc: Document.Parsed,
    text: string,
    private readonly lines: LineCounter,
    private readonly source: string,
  ) {
    this.targets = resolveAliases(
      doc,
      text,
      (offset, problem) => new ConfigError({ origin: this.originAt(offset), problem }),
    )
  }

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

  private beyondLimit(node: unknown, problem: string): ConfigError {
    return new ConfigError({ origin: this.expanding ?? this.originOf(node), problem })
  }

  /** Counts characters read, aliases expanded: a long text aliased many times stops here. */
  private count(node: unknown, text: string): void {
    this.chars += text.length
    if (this.chars > LIMITS.maxExpandedChars) {
      throw this.beyondLimit(node, `more than ${LIMITS.maxExpandedChars} characters once aliases are expanded: refused`)
    }
  }

  private keyOf(node: unknown): string {
    const key = isAlias(node) ? this.targets.get(node) : node
    if (!isScalar(key)) throw this.fail(node, 'a key must be a plain name, not a mapping or a list')
    if (key.value === null) return ''
    const text = typeof key.value === 'string' ? key.value : String(key.source ?? key.value)
    this.count(node, text)
    return text
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
      throw this.beyondLimit(
        node,
        `more than ${LIMITS.maxNodes} values once aliases are expanded: refused (an alias bomb?)`,
      )
    }
    if (depth > LIMITS.maxDepth) {
      const { line, column } = this.originOf(node)
      throw depthError(this.source, line, column)
    }
    if (isAlias(node)) {
      // Every alias has its target: resolveAliases refused the document otherwise.
      const target = this.targets.get(node) as Node
      const outer = this.expanding
      this.expanding ??= this.originOf(node)
      try {
        return this.read(target, depth + 1, at ?? this.originOf(node))
      } finally {
        this.expanding = outer
      }
    }
    const origin = at ?? this.originOf(node)
    if (isScalar(node)) {
      const value = node.value
      const typed: ScalarValue =
        value === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof value) || value instanceof Date
          ? (value as ScalarValue)
          : String(value)
      if (typeof typed === 'string') this.count(node, typed)
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
  refuseManyAliases(text, source)
  const lines = new LineCounter()
  const docs = parseYamlDocuments(text, lines, source)
  for (const doc of docs) {
    // A warning too: the parser warns where it reads a value other than as written (a tag).
    const error = doc.errors[0] ?? doc.warnings[0]
    if (error) throw yamlSyntaxError(error, lines, source)
  }
  // `---` alone, or `---` after the last document, holds a null: no settings.
  const filled = docs.filter((doc) => doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null))
  const [doc, second] = filled
  if (!doc) return undefined
  const reader = new YamlReader(doc, text, lines, source)
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
