import { Composer, type CST, type Document, Lexer, type LineCounter, Parser } from 'yaml'
import { ConfigError } from './errors.js'
import { formatPath } from './keys.js'
import { LIMITS, tooManyEntriesProblem } from './limits.js'

type Collection = CST.BlockMap | CST.FlowCollection
type Item = CST.CollectionItem

const isMapping = (token: CST.Token | undefined): token is Collection =>
  token?.type === 'block-map' || (token?.type === 'flow-collection' && token.start.source === '{')

/** Where an item of a mapping starts: its key, else its `:`, else what precedes it. */
const itemOffset = (item: Item): number | undefined =>
  (item.key ?? item.sep?.[0] ?? item.start[0] ?? (item.value as CST.Token | undefined))?.offset

/**
 * The item past the limit, once it is an entry: the parser opens an empty item at each line end,
 * which becomes an entry only when a key or a `:` arrives.
 */
function entryPastLimit(map: Collection): Item | undefined {
  const item = map.items[LIMITS.maxEntries]
  return item && (item.key !== undefined || item.sep !== undefined) ? item : undefined
}

/** The keys leading to the mapping at `depth` of the parser's stack, when all are plain names. */
function pathTo(stack: readonly CST.Token[], depth: number): string | undefined {
  const keys: string[] = []
  for (const token of stack.slice(0, depth)) {
    if (!isMapping(token)) continue
    const key = token.items.at(-1)?.key
    if (key?.type !== 'scalar') return undefined
    keys.push(key.source)
  }
  return formatPath(keys)
}

/** The first entry past the limit in a mapping still being read, as an error; undefined if none. */
function refusalIn(parser: Parser, lines: LineCounter, source: string): ConfigError | undefined {
  const { stack } = parser
  for (let depth = 0; depth < stack.length; depth++) {
    const map = stack[depth]
    const entry = isMapping(map) ? entryPastLimit(map) : undefined
    if (!entry) continue
    const { line, col } = lines.linePos(itemOffset(entry) ?? parser.offset)
    const path = pathTo(stack, depth)
    return new ConfigError({
      origin: { source, line, column: col },
      ...(path ? { path } : {}),
      problem: tooManyEntriesProblem,
    })
  }
  return undefined
}

/** Where an entry may have been added: a line end (block), a `,` or a `}` (flow). */
const ENTRY_ENDS = new Set(['\n', '\r\n', ',', '}'])

/**
 * The YAML documents of a text, as `parseAllDocuments` composes them, with one limit checked
 * while the parser reads: a mapping of more keys than a configuration may hold named entries
 * is refused at its first key past the limit, before the rest of the text is lexed, parsed and
 * composed (a megabyte of `name: {}` lines takes seconds and hundreds of megabytes otherwise).
 */
export function parseYamlDocuments(text: string, lines: LineCounter, source: string): Document.Parsed[] {
  const parser = new Parser(lines.addNewLine)
  const tokens: CST.Token[] = []
  lines.addNewLine(0)
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) tokens.push(token)
    if (!ENTRY_ENDS.has(lexeme)) continue
    const refusal = refusalIn(parser, lines, source)
    if (refusal) throw refusal
  }
  // The text may end without a line end after its last entry.
  const refusal = refusalIn(parser, lines, source)
  if (refusal) throw refusal
  for (const token of parser.end()) tokens.push(token)
  // Tags outside the core schema (`!!binary`, `!!set`, `!hunter2`) stay unresolved: refused by the caller.
  const composer = new Composer({ uniqueKeys: false, resolveKnownTags: false })
  return Array.from(composer.compose(tokens)) as Document.Parsed[]
}
