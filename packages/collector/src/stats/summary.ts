import { num, type StatsContext, sharedAggregates, split, text } from './aggregates.js'
import { queries, type Window } from './queries.js'
import type { Summary } from './schemas.js'
import { publish, publishTotal } from './threshold.js'

/** `GET /api/v1/summary`: the shared aggregates over a window, plus the per-day series. */
export async function summary(context: StatsContext, days: number, window: Window): Promise<Summary> {
  const { minCount } = context
  const q = queries(context.store)
  const [shared, byDay, versionsByDay, checksByDay] = await Promise.all([
    sharedAggregates(context, window),
    q.installationsByDay(window),
    q.versions(window, true),
    q.versionChecks(window, true),
  ])
  /** A per-day series: by day, then the largest count first, then by label; published by that count. */
  const series = <T extends { day: string }>(rows: T[], count: (row: T) => number, label = (_row: T) => '') =>
    publish(
      rows.sort((a, b) => a.day.localeCompare(b.day) || count(b) - count(a) || label(a).localeCompare(label(b))),
      minCount,
      count,
    )
  const lists = {
    ...shared.lists,
    installationsByDay: series(
      byDay.map((row) => ({ day: text(row.day), installations: num(row.installations) })),
      (row) => row.installations,
    ),
    versionsByDay: series(
      versionsByDay.map((row) => ({
        day: text(row.day),
        version: text(row.version),
        installations: num(row.installations),
      })),
      (row) => row.installations,
      (row) => row.version,
    ),
    versionChecksByDay: series(
      checksByDay.map((row) => ({
        day: text(row.day),
        version: text(row.version),
        checks: num(row.checks),
        networks: num(row.networks),
      })),
      (row) => row.networks,
      (row) => row.version,
    ),
  }
  const { rows, other } = split(lists)
  return {
    days,
    from: window.from,
    to: window.to,
    minCount,
    installations: publishTotal(shared.installations, minCount),
    ...rows,
    other,
  }
}
