import { ITEM_SEGMENT, NAME_SEGMENT, type Option } from '@baqup/core'

/**
 * The configuration flags as two tables a shell script can scan with one regular expression per
 * row, so that no TAB ever starts node. A typed flag `--entryPoints.web.ht` splits at its last dot
 * into the part already written (`entryPoints.web`, matched by a row's `pattern`) and the segment
 * being typed (`ht`, completed from the row's `next`). A `<name>` segment is never offered: the
 * operator types the name, and the segments after it are completed again.
 */
export interface ConfigNode {
  /** Extended regular expression matching the segments already written (`^$` at the root). */
  readonly pattern: string
  /** The next segments, each ending in `=` (an option) or `.` (more segments follow). */
  readonly next: readonly string[]
}

/** `one`: a single value; `list`: a comma list (completed after the last comma); `files`: a path. */
export type ValueMode = 'one' | 'list' | 'files'

export interface ConfigValues {
  /** Extended regular expression matching a whole option path (`--path=` without `--` and `=`). */
  readonly pattern: string
  readonly mode: ValueMode
  readonly values: readonly string[]
}

export interface ConfigTable {
  readonly nodes: readonly ConfigNode[]
  readonly values: readonly ConfigValues[]
}

/** Shell scripts embed segments and values in single quotes and split them on spaces. */
const SAFE_WORD = /^[A-Za-z0-9_.:/@+-]+$/
const SAFE_PATH = /^[A-Za-z0-9_.<>[\]-]+$/

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function segmentPattern(segment: string): string {
  if (segment === NAME_SEGMENT) return '[^.=]+'
  if (segment.endsWith(ITEM_SEGMENT)) return `${escapeRegExp(segment.slice(0, -ITEM_SEGMENT.length))}\\[[0-9]+\\]`
  return escapeRegExp(segment)
}

const pathPattern = (segments: readonly string[]) => `^${segments.map(segmentPattern).join('\\.')}$`

/** What the operator is offered for a segment: `domains[]` is written `domains[0]`. */
const writtenSegment = (segment: string) =>
  segment.endsWith(ITEM_SEGMENT) ? `${segment.slice(0, -ITEM_SEGMENT.length)}[0]` : segment

function valuesOf(option: Option): Omit<ConfigValues, 'pattern'> | undefined {
  if (option.values) return { mode: option.kind.endsWith('[]') ? 'list' : 'one', values: option.values }
  if (option.kind === 'bool' || option.kind === 'section') return { mode: 'one', values: ['true', 'false'] }
  if (option.kind.startsWith('file-or-content')) return { mode: 'files', values: [] }
  return undefined
}

/** Extra flags that are not schema options but are read with them (`configFile`: a path). */
export interface ExtraFlag {
  readonly path: string
  readonly mode: ValueMode
}

export function configTable(options: readonly Option[], extras: readonly ExtraFlag[] = []): ConfigTable {
  const nodes = new Map<string, { segments: string[]; next: Set<string> }>()
  const values: ConfigValues[] = []
  const add = (path: string, end: '=' | '.', found: Omit<ConfigValues, 'pattern'> | undefined) => {
    if (!SAFE_PATH.test(path)) throw new Error(`cannot complete the option path "${path}"`)
    const segments = path.split('.')
    segments.forEach((segment, index) => {
      const above = segments.slice(0, index)
      const node = nodes.get(above.join('.')) ?? { segments: above, next: new Set<string>() }
      nodes.set(above.join('.'), node)
      if (segment !== NAME_SEGMENT)
        node.next.add(`${writtenSegment(segment)}${index === segments.length - 1 ? end : '.'}`)
    })
    if (!found) return
    for (const value of found.values)
      if (!SAFE_WORD.test(value)) throw new Error(`cannot complete the value "${value}"`)
    values.push({ ...found, pattern: pathPattern(segments) })
  }
  // A map-valued option takes its entries as further segments: `--…headers.names.User-Agent=`,
  // then the closed set of its values, if it has one.
  for (const option of options) {
    const map = option.kind.startsWith('map<')
    add(option.path, map ? '.' : '=', map ? undefined : valuesOf(option))
    if (map && option.values) add(`${option.path}.${NAME_SEGMENT}`, '=', valuesOf(option))
  }
  for (const extra of extras) add(extra.path, '=', { mode: extra.mode, values: [] })
  // A literal row is tried before a row where the same place is a `<name>`.
  const names = (segments: readonly string[]) => segments.filter((segment) => segment === NAME_SEGMENT).length
  const rows = [...nodes.values()].sort((a, b) => names(a.segments) - names(b.segments))
  return {
    nodes: rows.map(({ segments, next }) => ({ pattern: pathPattern(segments), next: [...next] })),
    values,
  }
}
