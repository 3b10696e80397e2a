/**
 * The structure of a TOML text the parser has already accepted, in source order: table headers,
 * `key = value` lines and the scalar words of values (numbers, booleans, dates), each with its
 * 1-based line and column. The parser returns values without positions and without saying how a
 * table came to be; the checks of toml-strict.ts need both. Strings, comments and the insides of
 * multi-line strings are skipped exactly, so a `[header]` or `= 1` inside them is never seen.
 */
export interface TomlAt {
  readonly line: number
  readonly column: number
}

export interface TomlVisitor {
  /** `[a.b]` (`array` false) or `[[a.b]]` (`array` true), at its first bracket. */
  header(keys: readonly string[], array: boolean, line: number, column: number): void
  /** `a.b = …` outside inline tables, at the key's first character; its value's words follow. */
  assign(keys: readonly string[], line: number, column: number): void
  /** A scalar word of the last assigned value; `within` is its place inside that value (list indexes, inline-table keys). */
  word(text: string, within: readonly (string | number)[], line: number, column: number): void
}

const BARE_KEY = /[A-Za-z0-9_-]+/y
/** A value that is not a string, a list or an inline table: `42`, `-0x1F`, `1e6`, `true`, `1979-05-27T07:32:00Z`. */
const WORD = /[A-Za-z0-9_+\-.:]+/y
/** A local date followed by a space and a time: one value in TOML. */
const DATE = /^\d{4}-\d{2}-\d{2}$/
const SPACED_TIME = / \d{2}:[A-Za-z0-9_+\-.:]*/y
const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' }

/** A basic string's escapes, as TOML reads them (the parser has already refused invalid ones). */
function unescape(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, escape: string) =>
    escape.length > 1 ? String.fromCodePoint(Number.parseInt(escape.slice(1), 16)) : (ESCAPES[escape] ?? escape),
  )
}

export function scanToml(text: string, visitor: TomlVisitor): void {
  let pos = 0
  let line = 1
  let lineStart = 0

  const column = (offset: number) => offset - lineStart + 1
  const newlinesUpTo = (end: number) => {
    for (let index = text.indexOf('\n', pos); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
      line++
      lineStart = index + 1
    }
    pos = end
  }
  /** Spaces, tabs and, where `lines` allows it, newlines and comments. */
  const skip = (lines: boolean) => {
    for (;;) {
      const code = text.charCodeAt(pos)
      if (code === 32 || code === 9 || (lines && code === 13)) pos++
      else if (lines && code === 10) {
        pos++
        line++
        lineStart = pos
      } else if (lines && code === 35) {
        const end = text.indexOf('\n', pos)
        pos = end === -1 ? text.length : end
      } else return
    }
  }
  /** A string from its opening quote; returns its text (escapes read for a basic one). */
  const string = (): string => {
    const quote = text[pos] as '"' | "'"
    const triple = text.startsWith(quote.repeat(3), pos)
    const start = pos + (triple ? 3 : 1)
    let end = start
    for (;;) {
      end = text.indexOf(quote, end)
      if (end === -1) end = text.length
      if (quote === '"' && isEscaped(text, end, start)) {
        end++
        continue
      }
      if (!triple || end >= text.length || text.startsWith(quote.repeat(3), end)) break
      end++
    }
    // A multi-line string may end with one or two quotes of its own before the closing three.
    for (let extra = 0; triple && extra < 2 && text[end + 3] === quote; extra++) end++
    const body = text.slice(start, end)
    newlinesUpTo(Math.min(text.length, end + (triple ? 3 : 1)))
    return quote === '"' ? unescape(body) : body
  }
  const key = (): string[] => {
    const keys: string[] = []
    for (;;) {
      skip(false)
      const quote = text[pos]
      if (quote === '"' || quote === "'") keys.push(string())
      else {
        BARE_KEY.lastIndex = pos
        const bare = BARE_KEY.exec(text)
        if (!bare) return keys // not reached on a text the parser accepted
        keys.push(bare[0])
        pos = BARE_KEY.lastIndex
      }
      skip(false)
      if (text[pos] !== '.') return keys
      pos++
    }
  }
  const value = (within: (string | number)[]): void => {
    const char = text[pos]
    if (char === '"' || char === "'") {
      string()
    } else if (char === '[') {
      pos++
      for (let index = 0; ; index++) {
        skip(true)
        if (text[pos] === ']' || pos >= text.length) break
        const before = pos
        value([...within, index])
        skip(true)
        if (text[pos] === ',') pos++
        else if (pos === before) pos++ // not reached on a text the parser accepted: never loop in place
      }
      pos++
    } else if (char === '{') {
      pos++
      for (;;) {
        skip(true)
        if (text[pos] === '}' || pos >= text.length) break
        const keys = key()
        pos++ // "="
        skip(false)
        value([...within, ...keys])
        skip(true)
        if (text[pos] === ',') pos++
      }
      pos++
    } else {
      WORD.lastIndex = pos
      const word = WORD.exec(text)
      if (!word) return
      const start = pos
      pos = WORD.lastIndex
      SPACED_TIME.lastIndex = pos
      if (DATE.test(word[0]) && SPACED_TIME.test(text)) pos = SPACED_TIME.lastIndex
      visitor.word(word[0], within, line, column(start))
    }
  }

  while (pos < text.length) {
    skip(true)
    if (pos >= text.length) break
    const start = pos
    if (text[pos] === '[') {
      const array = text[pos + 1] === '['
      pos += array ? 2 : 1
      const keys = key()
      pos += array ? 2 : 1
      visitor.header(keys, array, line, column(start))
    } else {
      const keys = key()
      if (keys.length === 0) {
        pos++ // not reached on a text the parser accepted (a byte order mark, say): step over it
        continue
      }
      visitor.assign(keys, line, column(start))
      pos++ // "="
      skip(false)
      value([])
    }
    // The rest of the line: spaces and a comment, which the next round skips.
  }
}

/** Whether the quote at `index` is escaped: preceded by an odd run of backslashes after `start`. */
function isEscaped(text: string, index: number, start: number): boolean {
  let backslashes = 0
  for (let before = index - 1; before >= start && text.charCodeAt(before) === 92; before--) backslashes++
  return backslashes % 2 === 1
}
