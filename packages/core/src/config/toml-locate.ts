import { pathKey } from './keys.js'

/**
 * Where keys are written in a TOML text. TOML parsers return values without positions, so this
 * best-effort scan records, for each key path, the line and column of the table header
 * (`[a.b]`, `[[a.b]]`) or the `key =` / `dotted.key =` line that introduces it. Values inside
 * inline tables and arrays get the position of their enclosing key; lines inside multi-line
 * strings are skipped. Array-of-tables entries are numbered as the parser numbers them.
 */
export type TomlPositions = ReadonlyMap<string, { line: number; column: number }>

const BARE = /^[A-Za-z0-9_-]+/
const BASIC = /^"((?:[^"\\]|\\.)*)"/
const LITERAL = /^'([^']*)'/

/** `a."b.c".d` → `["a", "b.c", "d"]` and the rest of the text; undefined when it is not a key. */
function readKey(text: string): { keys: string[]; rest: string } | undefined {
  const keys: string[] = []
  let rest = text
  for (;;) {
    rest = rest.trimStart()
    const bare = BARE.exec(rest)
    const basic = bare ? null : BASIC.exec(rest)
    const literal = bare || basic ? null : LITERAL.exec(rest)
    const match = bare ?? basic ?? literal
    if (!match) return undefined
    keys.push(bare ? match[0] : basic ? (JSON.parse(`"${match[1]}"`) as string) : (match[1] as string))
    rest = rest.slice(match[0].length).trimStart()
    if (!rest.startsWith('.')) return { keys, rest }
    rest = rest.slice(1)
  }
}

function safeReadKey(text: string) {
  try {
    return readKey(text)
  } catch {
    return undefined // an escape JSON cannot read: leave the line unlocated
  }
}

export function locateTomlKeys(text: string): TomlPositions {
  const positions = new Map<string, { line: number; column: number }>()
  const arrayIndex = new Map<string, number>()
  let table: (string | number)[] = []
  let multiline: string | undefined

  /** A path with each array-of-tables prefix followed by its current index. */
  const indexed = (keys: readonly string[], base: readonly (string | number)[] = []) => {
    const path = [...base]
    for (const key of keys) {
      path.push(key)
      const index = arrayIndex.get(pathKey(path))
      if (index !== undefined) path.push(index)
    }
    return path
  }
  const record = (path: readonly (string | number)[], line: number, column: number) => {
    for (let length = 1; length <= path.length; length++) {
      const key = pathKey(path.slice(0, length))
      if (!positions.has(key)) positions.set(key, { line, column })
    }
  }

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (multiline) {
      if (raw.includes(multiline)) multiline = undefined
      return
    }
    const trimmed = raw.trimStart()
    const column = raw.length - trimmed.length + 1
    if (trimmed.startsWith('[[')) {
      const header = safeReadKey(trimmed.slice(2))
      if (!header) return
      const parent = indexed(header.keys.slice(0, -1))
      const own = pathKey([...parent, header.keys.at(-1) as string])
      const next = (arrayIndex.get(own) ?? -1) + 1
      arrayIndex.set(own, next)
      table = [...parent, header.keys.at(-1) as string, next]
      record(table, line, column)
    } else if (trimmed.startsWith('[')) {
      const header = safeReadKey(trimmed.slice(1))
      if (!header) return
      table = indexed(header.keys)
      record(table, line, column)
    } else {
      const key = safeReadKey(trimmed)
      if (!key?.rest.startsWith('=')) return
      record([...table, ...key.keys], line, column)
      const value = key.rest.slice(1).trimStart()
      const quote = value.startsWith('"""') ? '"""' : value.startsWith("'''") ? "'''" : undefined
      if (quote && !value.slice(3).includes(quote)) multiline = quote
    }
  })
  return positions
}
