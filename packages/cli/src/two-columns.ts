import { wrapWords } from '@baqup/core'

export interface Entry {
  /** Never cut: it is what the operator copies. */
  flag: string
  help: string
}

/** The help column keeps at least this many characters. */
const MIN_HELP = 30

/**
 * Flags and their help in two columns that fit `width`: the help wraps within its column, and a
 * flag too long for its column stands on a line of its own, its help below it. A word longer than
 * the help column (a long flag name, a default value) is never cut, so it alone may pass `width`.
 * Without a width (not a terminal), one entry per line, for grep.
 */
export function twoColumns(entries: readonly Entry[], width: number | undefined): string[] {
  if (width === undefined) return entries.map(({ flag, help }) => `${flag}  ${help}`)
  const longest = Math.max(...entries.map(({ flag }) => flag.length))
  const column = Math.max(4, Math.min(longest + 2, Math.floor(width / 2), width - MIN_HELP))
  const indent = ' '.repeat(column)
  return entries.flatMap(({ flag, help }) => {
    const [first = '', ...rest] = wrapWords(help, width - column)
    const besideFlag = flag.length + 2 <= column
    return [
      ...(besideFlag ? [`${flag.padEnd(column)}${first}`] : [flag, `${indent}${first}`]),
      ...rest.map((line) => `${indent}${line}`),
    ]
  })
}
