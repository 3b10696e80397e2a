/**
 * What someone types into the option explorer or `/api/v1/options/<path>`, matched against the
 * schema's option paths. Those spell a map's entries `<name>` and a list's items `[]`
 * (`entryPoints.<name>.address`), while a user types the names of their own configuration
 * (`entryPoints.web.address`): a concrete segment stands for a placeholder. For a path that is no
 * option, the nearest ones. Pure, with no import, so the server and the dashboard's bundle share it.
 */

/** `<name>` (any map entry's name) or `[]` (any list item): a segment that any typed segment fills. */
const isPlaceholder = (segment: string) => segment === '[]' || /^<[^>]+>$/.test(segment)

/** Typed input past this length is not an option path: no suggestions are looked for. */
const MAX_INPUT = 120

/** Levenshtein distance of two strings, or `limit + 1` once it is sure to be more than `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  let previous = new Uint16Array(b.length + 1).map((_, j) => j)
  let row = new Uint16Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    let least = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
      least = Math.min(least, row[j] as number)
    }
    if (least > limit) return limit + 1
    ;[previous, row] = [row, previous]
  }
  return previous[b.length] as number
}

export interface OptionPaths {
  /** The option path the input names: itself, or with its concrete names as placeholders; undefined when none. */
  resolve(input: string): string | undefined
  /** Up to `count` known paths nearest the input, nearest first (an empty list when none is near). */
  nearest(input: string, count?: number): string[]
}

export function optionPaths(paths: readonly string[]): OptionPaths {
  const known = new Set(paths)
  const split = paths.map((path) => ({ path, segments: path.split('.') }))
  /** The path with its placeholders filled by the input's segments at the same places. */
  const filled = (segments: readonly string[], typed: readonly string[]) =>
    segments.map((segment, i) => (isPlaceholder(segment) && typed[i] ? typed[i] : segment)).join('.')

  return {
    resolve(input) {
      const path = input.trim()
      if (known.has(path)) return path
      const typed = path.split('.')
      if (path.length > MAX_INPUT || typed.some((segment) => segment === '')) return undefined
      const lowered = typed.map((segment) => segment.toLowerCase())
      // The candidate with the most segments spelled out wins: `http.routers.<name>` over `<name>.<name>.<name>`.
      let best: { path: string; literal: number } | undefined
      for (const { path: candidate, segments } of split) {
        if (segments.length !== typed.length) continue
        let literal = 0
        const fits = segments.every((segment, i) => {
          // Spelled as the schema does, or in another case (keys are read case-insensitively).
          if (segment.toLowerCase() === lowered[i]) return ++literal > 0
          return isPlaceholder(segment) && (segment !== '[]' || /^\d+$/.test(typed[i] as string))
        })
        if (fits && (!best || literal > best.literal)) best = { path: candidate, literal }
      }
      return best?.path
    },

    nearest(input, count = 5) {
      const path = input.trim()
      if (path === '' || path.length > MAX_INPUT) return []
      const typed = path.split('.')
      const lower = path.toLowerCase()
      // Near: a few edits, more for a longer path; or a section the input is the start of.
      const within = Math.max(3, Math.ceil(path.length / 4))
      const scored: { path: string; score: number }[] = []
      for (const { path: candidate, segments } of split) {
        const concrete = filled(segments, typed).toLowerCase()
        let score = Number.POSITIVE_INFINITY
        if (concrete.startsWith(`${lower}.`)) score = 1 + (concrete.length - lower.length) / 1000
        if (Math.abs(concrete.length - lower.length) <= within)
          score = Math.min(score, editDistance(lower, concrete, within))
        if (score <= within) scored.push({ path: candidate, score })
      }
      return scored
        .sort((a, b) => a.score - b.score || a.path.length - b.path.length || a.path.localeCompare(b.path))
        .slice(0, count)
        .map((row) => row.path)
    },
  }
}

/** The 404 of an unknown option: the one error shape, with the nearest paths in the message and as a list. */
export function unknownOption(input: string, paths: OptionPaths) {
  const suggestions = paths.nearest(input)
  const named = JSON.stringify(input.slice(0, MAX_INPUT))
  const message = suggestions.length
    ? `no option ${named}; nearest: ${suggestions.join(', ')}`
    : `no option ${named}; the dashboard's option explorer lists them all`
  return { error: { code: 'unknown-option', message, suggestions } }
}
