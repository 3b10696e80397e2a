import type { Option } from '@baqup/core'
import { cell, cellOf, num, type StatsContext, text, thresholdFields } from './aggregates.js'
import { optionWindow } from './option-releases.js'
import type { Queries, Row, Window } from './queries.js'
import type { OptionStats } from './schemas.js'
import { byInstallations, type Cell, publishParts, publishSubset, publishTree } from './threshold.js'

/** Every installation of the window, by day and in all: what a total restricted to some releases is a subset of. */
async function scopeWholes(q: Queries, window: Window) {
  const [byDay, all] = await Promise.all([q.installationsByDay(window), q.installations(window)])
  return {
    byDay: new Map<string, Cell>(byDay.map((row) => [text(row.day), cellOf(row)])),
    window: all[0] ? cellOf(all[0]) : undefined,
  }
}

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
  // Counted over the installations whose release has the option (`option-releases.ts`).
  const scoped = optionWindow(option, window, await q.versions(window, false))
  const [byDay, reporting, windowTotal, windowAdoption, windowGroups, values, whole] = await Promise.all([
    Promise.all(chain.map(({ fields }) => q.adoptionByDay(scoped, fields))),
    q.installationsByDay(scoped),
    q.installations(scoped),
    q.adoption(scoped, [...above, option.path]),
    q.groupAdoption(scoped, groups),
    valued ? q.values(scoped, [option.path], catalog.numberPaths) : Promise.resolve([]),
    scoped === window ? undefined : scopeWholes(q, window),
  ])
  // A restricted total is published only as a subset of the day's installations (secondary suppression).
  const total = new Map<string, Cell>(
    reporting
      .map((row) => [text(row.day), cellOf(row)] as const)
      .filter(([day, cell]) => !whole || publishSubset(cell, threshold, whole.byDay.get(day))),
  )
  const windowWhole =
    windowTotal[0] && (!whole || publishSubset(cellOf(windowTotal[0]), threshold, whole.window))
      ? cellOf(windowTotal[0])
      : undefined

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
        published: own !== undefined && tree.rows.includes(own) && total.has(day),
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
    windowWhole,
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
    since: option.since ?? null,
    until: option.until ?? null,
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
