import type { Option } from '@baqup/core'
import { cell, cellOf, num, type StatsContext, text, thresholdFields } from './aggregates.js'
import type { Row, Window } from './queries.js'
import type { OptionStats } from './schemas.js'
import { byInstallations, type Cell, publishParts, publishTree } from './threshold.js'

/** `a.b.c` is under `a` and `a.b`. */
const isUnder = (path: string, ancestor: string) => path.startsWith(`${ancestor}.`)

/**
 * `GET /api/v1/options/<path>`: one option's adoption day by day and the distribution of its
 * values. Each day's adoption is published as that day's file publishes it among the options
 * (a subset of its nearest published ancestor, up to the day's installations), and the values as
 * parts of the option's installations over the window, as the summary publishes them.
 */
export async function optionStats(
  context: StatsContext,
  option: Option,
  days: number,
  window: Window,
): Promise<OptionStats> {
  const { store, catalog, threshold } = context
  const q = store.queries
  const valued = catalog.valuePaths.includes(option.path)
  // The option and what it sits under: the options above it, and the object of providers it is a field of.
  const above = [...catalog.options.keys()].filter((path) => isUnder(option.path, path))
  const groups = Object.fromEntries(Object.entries(catalog.groups).filter(([group]) => isUnder(option.path, group)))
  const chain = [
    ...[...above, option.path].map((path) => ({ path, fields: [path] })),
    ...Object.entries(groups).map(([path, fields]) => ({ path, fields })),
  ]
  const [byDay, reporting, windowTotal, windowAdoption, windowGroups, values] = await Promise.all([
    Promise.all(chain.map(({ fields }) => q.adoptionByDay(window, fields))),
    q.installationsByDay(window),
    q.installations(window),
    q.adoption(window, [...above, option.path]),
    q.groupAdoption(window, groups),
    valued ? q.values(window, [option.path], catalog.numberPaths) : Promise.resolve([]),
  ])
  const total = new Map<string, Cell>(reporting.map((row) => [text(row.day), cellOf(row)]))

  // Each day: the option's row in the tree of that day's options.
  const perDay = new Map<string, { path: string; cell: Cell }[]>()
  chain.forEach(({ path }, index) => {
    for (const row of byDay[index] as Row[]) {
      const day = text(row.day)
      perDay.set(day, [...(perDay.get(day) ?? []), { path, cell: cellOf(row) }])
    }
  })
  const adoptionRows = [...perDay]
    .map(([day, rows]) => {
      const own = rows.find((row) => row.path === option.path)
      const tree = publishTree(
        rows,
        threshold,
        (row) => row.path,
        (row) => row.cell,
        total.get(day),
      )
      return {
        day,
        installations: own?.cell.installations ?? 0,
        of: num(total.get(day)?.installations),
        published: own !== undefined && tree.rows.includes(own),
      }
    })
    .filter((row) => row.installations > 0)
    .sort((a, b) => a.day.localeCompare(b.day))
  const adoption = adoptionRows.filter((row) => row.published).map(({ published: _, ...row }) => row)

  // The values partition the option's installations over the window (or its nearest published ancestor's).
  const tree = publishTree(
    [...windowAdoption, ...windowGroups].map((row) => ({ path: text(row.path), ...cellOf(row) })),
    threshold,
    (row) => row.path,
    cell,
    windowTotal[0] && cellOf(windowTotal[0]),
  )
  const distribution = publishParts(
    values.map((row) => ({ value: text(row.value), ...cellOf(row) })).sort(byInstallations((row) => row.value)),
    threshold,
    cell,
    tree.wholeOf(option.path),
  )
  return {
    path: option.path,
    kind: option.kind,
    export: option.export,
    help: option.description,
    days,
    from: window.from,
    to: window.to,
    ...thresholdFields(context),
    adoption,
    values: distribution.rows,
    other: {
      adoption: { buckets: adoptionRows.length - adoption.length },
      values: distribution.folded,
    },
  }
}
