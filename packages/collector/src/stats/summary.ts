import {
  cell,
  cellOf,
  checkCell,
  num,
  type StatsContext,
  sharedAggregates,
  split,
  text,
  thresholdFields,
} from './aggregates.js'
import type { Window } from './queries.js'
import type { Summary } from './schemas.js'
import { type Cell, publishPartsBy, publishRows } from './threshold.js'

/** `GET /api/v1/summary`: the shared aggregates over a window, plus the per-day series. */
export async function summary(context: StatsContext, days: number, window: Window): Promise<Summary> {
  const { threshold } = context
  const q = context.store.queries
  const [shared, byDay, versionsByDay, checksByDay] = await Promise.all([
    sharedAggregates(context, window),
    q.installationsByDay(window),
    q.versions(window, true),
    q.versionChecks(window, true),
  ])
  /** By day, then the largest count first, then by label. */
  const daily = <T extends { day: string }>(rows: T[], count: (row: T) => number, label: (row: T) => string) =>
    rows.sort((a, b) => a.day.localeCompare(b.day) || count(b) - count(a) || label(a).localeCompare(label(b)))
  // A day's installations count once in the window's total however many days they report: no
  // day's number adds up to the window's, each is published by the threshold alone.
  const installationsByDay = publishRows(
    daily(
      byDay.map((row) => ({ day: text(row.day), ...cellOf(row) })),
      (row) => row.installations,
      (row) => row.day,
    ),
    threshold,
    cell,
  )
  const dayTotal = new Map<string, Cell>(installationsByDay.rows.map((row) => [row.day, row]))
  // The versions of a day partition the installations of that day.
  const versions = publishPartsBy(
    daily(
      versionsByDay.map((row) => ({ day: text(row.day), version: text(row.version), ...cellOf(row) })),
      (row) => row.installations,
      (row) => row.version,
    ),
    threshold,
    (row) => row.day,
    cell,
    (day) => dayTotal.get(day),
  )
  // The checks of a version's days add up to the window's: its days are parts of its window row.
  const windowChecks = new Map<string, Cell>(
    shared.lists.versionChecks.rows.map((row) => [row.version, checkCell(row)]),
  )
  const checks = publishPartsBy(
    daily(
      checksByDay.map((row) => ({
        day: text(row.day),
        version: text(row.version),
        checks: num(row.checks),
        networks: num(row.networks),
      })),
      (row) => row.networks,
      (row) => row.version,
    ),
    threshold,
    (row) => row.version,
    checkCell,
    (version) => windowChecks.get(version),
  )
  const { rows, other } = split({
    ...shared.lists,
    installationsByDay,
    versionsByDay: versions,
    versionChecksByDay: checks,
  })
  return {
    days,
    from: window.from,
    to: window.to,
    ...thresholdFields(context),
    installations: shared.installations,
    ...rows,
    other,
  }
}
