import type { Segment } from './assign.js'
import { ConfigError } from './errors.js'
import { formatPath } from './keys.js'
import { scanToml, type TomlAt } from './toml-scan.js'

/**
 * What TOML 1.0 refuses and @iarna/toml (a TOML 0.5 parser, the one the design names) accepts,
 * refused here after it has parsed the text:
 * - an integer outside the 64-bit signed range, which it wraps silently (`9223372036854775808`
 *   becomes −2⁶³);
 * - a dotted key that adds to a table declared by its own `[header]` (`[a.b]` … `[a]` `b.d = 2`);
 * - a `[header]` naming a table that dotted keys declared on the way to another key
 *   (`[t1]` `t2.t3.v = 0` `[t1.t2]`).
 * Every other redefinition (a header twice, a key twice, an inline table extended) the parser
 * refuses itself. The rules are TOML 1.0's "Table" section as Python's tomllib reads it.
 */

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** The integer a TOML word means, if it is one (`+1_000`, `-17`, `0xDEAD_BEEF`, `0o755`, `0b1101`). */
const INTEGER_WORD = /^(?:[+-]?\d[\d_]*|0x[\dA-Fa-f_]+|0o[0-7_]+|0b[01_]+)$/

/** Shortest word that can fall outside the 64-bit range: `0x` and 16 hexadecimal digits. */
const SHORTEST_BEYOND = 18

/** `above`/`below` for an integer word outside the 64-bit signed range; undefined otherwise. */
export function integerBeyond64(word: string): 'above' | 'below' | undefined {
  if (word.length < SHORTEST_BEYOND || !INTEGER_WORD.test(word)) return undefined
  const value = BigInt(word.replaceAll('_', ''))
  return value > INT64_MAX ? 'above' : value < INT64_MIN ? 'below' : undefined
}

/**
 * Cheap tests that let most texts skip the scan (over a megabyte of `[entryPoints.epN]` headers,
 * the scan takes about half the parser's time; these tests, about 2 %). Each holds for every text the scan
 * could refuse, and for more: both refusals of tables need a dotted key, whose first part starts
 * a line and is followed by a dot; an integer beyond 64 bits holds 16 hexadecimal digits or
 * underscores in a row. The key part is matched atomically (`(?=(…))\1`): no backtracking into it.
 */
const MAY_HAVE_DOTTED_KEYS = /^[ \t]*(?:(?=([A-Za-z0-9_-]+))\1|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*\./m

/** Whether 16 characters in a row are hexadecimal digits or `_`; a loop, as a regular expression would try each start. */
export function mayHoldLongNumber(text: string): boolean {
  let run = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const lower = code | 32
    if ((code >= 48 && code <= 57) || (lower >= 97 && lower <= 102) || code === 95) {
      if (++run === 16) return true
    } else run = 0
  }
  return false
}

/**
 * A table as the text declares it, in the shape the parser builds: keys lead from a table to its
 * sub-tables, and through an array of tables to its last element.
 */
interface Table {
  /** Where it sits, for messages (`a[0].b`): its parent and its key there, or its index in an array of tables. */
  readonly parent?: Table
  readonly key?: Segment
  /** How it was declared; undefined while only a deeper header implies it (`a` in `[a.b]`). */
  by?: 'header' | 'dotted keys'
  line?: number
  children?: Map<string, Table>
  /** Set on an array of tables: its elements so far. */
  elements?: Table[]
}

function pathOf(table: Table): Segment[] {
  const path: Segment[] = []
  for (let at: Table | undefined = table; at?.key !== undefined; at = at.parent) path.unshift(at.key)
  return path
}

/** The sub-table `key` of `parent`, made when first named; an array of tables itself, not its element. */
function entry(parent: Table, key: string): Table {
  parent.children ??= new Map()
  let table = parent.children.get(key)
  if (!table) {
    table = { parent, key }
    parent.children.set(key, table)
  }
  return table
}

/** Where the keys after `key` lead: the table itself, or an array of tables' last element. */
const opened = (parent: Table, key: string): Table => {
  const table = entry(parent, key)
  return table.elements?.at(-1) ?? table
}

const syntaxError = (
  source: string,
  at: TomlAt,
  path: readonly Segment[],
  problem: string,
  expected: string,
  found: string,
) =>
  new ConfigError({
    code: 'parse-error',
    origin: { source, ...at },
    path: formatPath(path),
    problem: `TOML syntax error: ${problem}`,
    expected,
    found,
  })

/**
 * Refuses, as a located error, the first thing in a parsed TOML text that TOML 1.0 forbids and
 * the parser let through. Dotted keys declare the tables on their way (`b` in `b.c = 1`), which
 * no header may then declare again; a header declares its table, which no dotted key may then
 * add to. (TOML lets dotted keys of one section extend each other: only a header ends that, and
 * a later section's dotted keys cannot reach them without going through a table refused first.)
 */
export function refuseWhatTomlForbids(text: string, source: string): void {
  if (!MAY_HAVE_DOTTED_KEYS.test(text) && !mayHoldLongNumber(text)) return
  const root: Table = {}
  let table = root
  /** The table and keys of the last `key = value`, for a message about one of its words. */
  let assignedIn = root
  let assigned: readonly string[] = []

  scanToml(text, {
    header(keys, array, line, column) {
      let parent = root
      const last = keys.length - 1
      for (let index = 0; index < last; index++) parent = opened(parent, keys[index] as string)
      if (array) {
        const list = entry(parent, keys[last] as string)
        list.elements ??= []
        table = { parent: list, key: list.elements.length, by: 'header', line }
        list.elements.push(table)
        return
      }
      table = opened(parent, keys[last] as string)
      if (table.by === 'dotted keys') {
        const problem = 'a table is declared twice (TOML forbids it): merge the two into one'
        const expected = `one declaration (dotted keys at line ${table.line} declared it already)`
        const found = `the header [${formatPath(keys)}]`
        throw syntaxError(source, { line, column }, pathOf(table), problem, expected, found)
      }
      table.by = 'header'
      table.line = line
    },
    assign(keys, line, column) {
      let parent = table
      for (let index = 0; index < keys.length - 1; index++) {
        parent = opened(parent, keys[index] as string)
        if (parent.by === 'header') {
          const path = pathOf(parent)
          const problem =
            'a dotted key adds to a table that has its own header (TOML forbids it): write the key under that header'
          const expected = `the keys of ${formatPath(path)} under its header at line ${parent.line}`
          throw syntaxError(source, { line, column }, path, problem, expected, `the dotted key ${formatPath(keys)}`)
        }
        if (parent.by === undefined) {
          parent.by = 'dotted keys'
          parent.line = line
        }
      }
      assignedIn = table
      assigned = keys
    },
    word(word, within, line, column) {
      const beyond = integerBeyond64(word)
      if (!beyond) return
      const problem = 'an integer outside the 64-bit range (TOML forbids it)'
      const expected = `an integer from ${INT64_MIN} to ${INT64_MAX}`
      const found = `an integer ${beyond} ${beyond === 'above' ? INT64_MAX : INT64_MIN}`
      const path = [...pathOf(assignedIn), ...assigned, ...within]
      throw syntaxError(source, { line, column }, path, problem, expected, found)
    },
  })
}
