// From the options read at each point (every stable tag of 2.0…3.7, then the reference commit)
// to each option's history: presence and export flag per minor release, and the exact tags
// where a minor release is not uniform (an option added or its export flag changed by a patch).

export const MINORS = [
  ...['2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11'],
  ...['3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7'],
]

const numbers = (tag) => tag.replace(/^v/, '').split('.').map(Number)

/** The stable tags (`vX.Y.Z`) of each minor release, in order; prereleases are left out. */
export function releaseTags(tags) {
  const byMinor = new Map(MINORS.map((minor) => [minor, []]))
  for (const tag of tags) {
    const match = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag)
    if (match) byMinor.get(`${match[1]}.${match[2]}`)?.push(tag)
  }
  for (const list of byMinor.values()) list.sort((a, b) => numbers(a)[2] - numbers(b)[2])
  return byMinor
}

/**
 * points: [{ label, minor, rows: [{ path, kind, export }] }] in release order, where `export` is
 * the effective flag (the field and every ancestor tagged). Returns one entry per option path:
 * { path, kind, ranges: [since, until|null, export, kind?][], patches?: [from, to|null, export][] }.
 */
export function buildHistory(points) {
  const state = points.map((point) => new Map(point.rows.map((row) => [row.path, row])))
  const paths = [...new Set(points.flatMap((point) => point.rows.map((row) => row.path)))]
  const last = MINORS.at(-1)
  return paths.sort().map((path) => {
    const perMinor = MINORS.map((minor) => {
      const rows = points.flatMap((point, i) => (point.minor === minor ? [state[i].get(path) ?? null] : []))
      const present = rows.filter(Boolean)
      if (present.length === 0) return null
      return {
        minor,
        // Redaction is the default: a minor exports an option only if every tag that has it does.
        export: present.every((row) => row.export),
        kind: present.at(-1).kind,
        uniform: present.length === rows.length && present.every((row) => row.export === present[0].export),
      }
    })
    const kind = perMinor.findLast(Boolean).kind
    const ranges = []
    perMinor.forEach((entry, i) => {
      const previous = perMinor[i - 1]
      const range = ranges.at(-1)
      if (!entry) return
      if (range && previous && previous.export === entry.export && previous.kind === entry.kind) {
        range[1] = entry.minor
      } else ranges.push([entry.minor, entry.minor, entry.export, ...(entry.kind === kind ? [] : [entry.kind])])
    })
    for (const range of ranges) if (range[1] === last) range[1] = null
    const option = { path, kind, ranges }
    if (perMinor.some((entry) => entry && !entry.uniform)) option.patches = patchRanges(points, state, path)
    return option
  })
}

/** The exact tags: [from, to|null, export] over every point where the option exists. */
function patchRanges(points, state, path) {
  const segments = []
  points.forEach((point, i) => {
    const row = state[i].get(path)
    const segment = segments.at(-1)
    if (!row) return
    if (segment && segment.end === i - 1 && segment.export === row.export) segment.end = i
    else segments.push({ start: i, end: i, export: row.export })
  })
  return segments.map(({ start, end, export: exported }) => [
    points[start].label,
    end === points.length - 1 ? null : points[end].label,
    exported,
  ])
}
