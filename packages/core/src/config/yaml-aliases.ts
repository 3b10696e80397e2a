import { type Alias, type Document, isAlias, type Node, visit } from 'yaml'
import type { ConfigError } from './errors.js'
import { LIMITS } from './limits.js'

/** A located error at an offset of the text. */
type Fail = (offset: number | undefined, problem: string) => ConfigError

const start = (node: Node) => node.range?.[0]

/**
 * Every alias of a document with the node it names, found in one walk in document order: an
 * alias names the last anchor of that name written before it. (The parser's own
 * `Alias.resolve` walks the whole document for each alias: quadratic.)
 *
 * Refused: more aliases than the limit, an alias without anchor, and an anchor no alias uses.
 * The last is how a value written `&hunter2` or `&abc def` would be silently read as an anchor
 * and vanish (`null`, or `def`): an anchor that serves no alias is refused, not guessed at.
 */
export function resolveAliases(doc: Document.Parsed, text: string, fail: Fail): Map<Alias, Node> {
  const anchors = new Map<string, Node>()
  const targets = new Map<Alias, Node>()
  const unused = new Set<Node>()
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (targets.size === LIMITS.maxAliases)
          throw fail(start(node), `more than ${LIMITS.maxAliases} aliases: refused`)
        const target = anchors.get(node.source)
        if (!target) throw fail(start(node), 'an alias (*name) with no anchor (&name) before it')
        targets.set(node, target)
        unused.delete(target)
      } else if (node.anchor) {
        anchors.set(node.anchor, node)
        unused.add(node)
      }
    },
  })
  const [first] = unused
  if (first) {
    // The node starts after its anchor (or, for an empty value, at the end of the line).
    const at = text.lastIndexOf(`&${first.anchor}`, start(first))
    throw fail(
      at === -1 ? start(first) : at,
      'an anchor (&name) that no alias uses: remove it, or quote the value if it starts with "&"',
    )
  }
  return targets
}
