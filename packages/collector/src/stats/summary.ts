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
  const byDayThenCount = <T extends { day: string }>(count: (row: T) => number, label: (row: T) => string) => {
    return (a: T, b: T) => a.day.localeCompare(b.day) || count(b) - count(a) || label(a).localeCompare(label(b))
  }
  const lists = {
    ...shared.lists,
    installationsByDay: publish(
      byDay
        .map((row) => ({ day: text(row.day), installations: num(row.installations) }))
        .sort(
          byDayThenCount(
            () => 0,
            () => '',
          ),
        ),
      minCount,
      (row) => row.installations,
    ),
    versionsByDay: publish(
      versionsByDay
        .map((row) => ({ day: text(row.day), version: text(row.version), installations: num(row.installations) }))
        .sort(
          byDayThenCount(
            (row) => row.installations,
            (row) => row.version,
          ),
        ),
      minCount,
      (row) => row.installations,
    ),
    versionChecksByDay: publish(
      checksByDay
        .map((row) => ({
          day: text(row.day),
          version: text(row.version),
          checks: num(row.checks),
          networks: num(row.networks),
        }))
        .sort(
          byDayThenCount(
            (row) => row.networks,
            (row) => row.version,
          ),
        ),
      minCount,
      (row) => row.networks,
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
