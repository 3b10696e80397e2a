import { num, type StatsContext, sharedAggregates, split, text } from './aggregates.js'
import { queries } from './queries.js'
import type { Daily } from './schemas.js'
import { byInstallations, publish, publishTotal } from './threshold.js'

/** One day's published aggregates: the daily JSON file, and its CSV form. */
export async function daily(context: StatsContext, day: string, complete: boolean): Promise<Daily> {
  const window = { from: day, to: day }
  const { catalog, minCount } = context
  const [shared, values] = await Promise.all([
    sharedAggregates(context, window),
    queries(context.store).values(window, catalog.valuePaths, catalog.numberPaths),
  ])
  const valueRows = values
    .map((row) => ({ path: text(row.path), value: text(row.value), installations: num(row.installations) }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        byInstallations<{ value: string; installations: number }>((row) => row.value)(a, b),
    )
  const { rows, other } = split({ ...shared.lists, values: publish(valueRows, minCount, (row) => row.installations) })
  return { day, complete, minCount, installations: publishTotal(shared.installations, minCount), ...rows, other }
}

const cell = (value: unknown) => {
  const written = value === null || value === undefined ? '' : String(value)
  return /[",\n\r]/.test(written) ? `"${written.replace(/"/g, '""')}"` : written
}

/** Long form, one published row per line: `table,name,value,installations,networks,checks,folded`. */
export function dailyCSV(file: Daily): string {
  const lines: unknown[][] = [['table', 'name', 'value', 'installations', 'networks', 'checks', 'folded']]
  lines.push(['installations', '', '', file.installations, '', '', ''])
  for (const row of file.versions) lines.push(['versions', row.version, '', row.installations, '', '', ''])
  for (const row of file.versionChecks) lines.push(['versionChecks', row.version, '', '', row.networks, row.checks, ''])
  for (const row of file.providers) lines.push(['providers', row.name, '', row.installations, '', '', ''])
  for (const row of file.options) lines.push(['options', row.path, '', row.installations, '', '', ''])
  for (const row of file.values) lines.push(['values', row.path, row.value, row.installations, '', '', ''])
  for (const row of file.entryPoints) lines.push(['entryPoints', row.bucket, '', row.installations, '', '', ''])
  for (const row of file.certificateResolvers)
    lines.push(['certificateResolvers', row.bucket, '', row.installations, '', '', ''])
  for (const row of file.challenges) lines.push(['challenges', row.type, '', row.installations, '', '', ''])
  for (const [name, folded] of Object.entries(file.other)) lines.push(['other', name, '', '', '', '', folded.buckets])
  return `${lines.map((line) => line.map(cell).join(',')).join('\n')}\n`
}
