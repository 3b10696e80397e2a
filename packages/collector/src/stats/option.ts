import type { Option } from '@baqup/core'
import { num, type StatsContext, text } from './aggregates.js'
import { queries, type Window } from './queries.js'
import type { OptionStats } from './schemas.js'
import { byInstallations, publish } from './threshold.js'

/** `GET /api/v1/options/<path>`: one option's adoption day by day and the distribution of its values. */
export async function optionStats(
  { store, catalog, minCount }: StatsContext,
  option: Option,
  days: number,
  window: Window,
): Promise<OptionStats> {
  const q = queries(store)
  const valued = catalog.valuePaths.includes(option.path)
  const [adoption, reporting, values] = await Promise.all([
    q.adoptionByDay(window, option.path),
    q.installationsByDay(window),
    valued ? q.values(window, [option.path], catalog.numberPaths) : Promise.resolve([]),
  ])
  const of = new Map(reporting.map((row) => [text(row.day), num(row.installations)]))
  const adopted = publish(
    adoption
      .map((row) => ({ day: text(row.day), installations: num(row.installations), of: of.get(text(row.day)) ?? 0 }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    minCount,
    (row) => row.installations,
  )
  const distribution = publish(
    values
      .map((row) => ({ value: text(row.value), installations: num(row.installations) }))
      .sort(byInstallations((row) => row.value)),
    minCount,
    (row) => row.installations,
  )
  return {
    path: option.path,
    kind: option.kind,
    export: option.export,
    help: option.description,
    days,
    from: window.from,
    to: window.to,
    minCount,
    adoption: adopted.rows,
    values: distribution.rows,
    other: { adoption: adopted.folded, values: distribution.folded },
  }
}
