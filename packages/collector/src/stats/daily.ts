import { cell, cellOf, type StatsContext, sharedAggregates, split, text, thresholdFields } from './aggregates.js'
import { csv } from './csv.js'
import type { Daily } from './schemas.js'
import { byInstallations, publishPartsBy } from './threshold.js'

/** One finished day's published aggregates: the daily JSON file, and its CSV form. */
export async function daily(context: StatsContext, day: string): Promise<Daily> {
  const window = { from: day, to: day }
  const { catalog, threshold } = context
  const [shared, values] = await Promise.all([
    sharedAggregates(context, window),
    context.store.queries.values(window, catalog.valuePaths, catalog.numberPaths),
  ])
  const valueRows = values
    .map((row) => ({ path: text(row.path), value: text(row.value), ...cellOf(row) }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        byInstallations<{ value: string; installations: number }>((row) => row.value)(a, b),
    )
  // The values of an option partition the installations that set it (or, where that count is not
  // published, its nearest published ancestor's).
  const published = publishPartsBy(valueRows, threshold, (row) => row.path, cell, shared.wholeOf)
  const { rows, other } = split({ ...shared.lists, values: published })
  return {
    day,
    complete: true,
    ...thresholdFields(context),
    installations: shared.installations,
    ...rows,
    other,
  }
}

/** Long form, one published row per line: `table,name,value,installations,networks,checks,folded`. */
export function dailyCSV(file: Daily): string {
  const lines: unknown[][] = [['table', 'name', 'value', 'installations', 'networks', 'checks', 'folded']]
  lines.push(['installations', '', '', file.installations, '', '', ''])
  for (const row of file.versions) lines.push(['versions', row.version, '', row.installations, '', '', ''])
  for (const row of file.versionChecks) lines.push(['versionChecks', row.version, '', '', row.networks, row.checks, ''])
  for (const row of file.countries) lines.push(['countries', row.country, '', row.installations, '', '', ''])
  for (const row of file.versionChecksByCountry)
    lines.push(['versionChecksByCountry', row.country, '', '', row.networks, row.checks, ''])
  for (const row of file.providers) lines.push(['providers', row.name, '', row.installations, '', '', ''])
  for (const row of file.options) lines.push(['options', row.path, '', row.installations, '', '', ''])
  for (const row of file.values) lines.push(['values', row.path, row.value, row.installations, '', '', ''])
  for (const row of file.entryPoints) lines.push(['entryPoints', row.bucket, '', row.installations, '', '', ''])
  for (const row of file.certificateResolvers)
    lines.push(['certificateResolvers', row.bucket, '', row.installations, '', '', ''])
  for (const row of file.challenges) lines.push(['challenges', row.type, '', row.installations, '', '', ''])
  for (const [name, folded] of Object.entries(file.other)) lines.push(['other', name, '', '', '', '', folded.buckets])
  return csv(lines)
}
