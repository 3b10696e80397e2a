import type { Summary } from './api.js'

/** What the page says about the threshold, in words: no list's internal name reaches the reader. */

/** A list of the summary, as a count of its rows reads: one and more. */
const ROWS: Readonly<Record<keyof Summary['other'], readonly [one: string, many: string]>> = {
  installationsByDay: ['daily installation count', 'daily installation counts'],
  versions: ['version', 'versions'],
  versionsByDay: ['daily version count', 'daily version counts'],
  versionChecks: ['version-check count', 'version-check counts'],
  versionChecksByDay: ['daily version-check count', 'daily version-check counts'],
  countries: ['country', 'countries'],
  versionChecksByCountry: ['version-check count by country', 'version-check counts by country'],
  providers: ['provider or section', 'providers or sections'],
  options: ['option', 'options'],
  entryPoints: ['entry-point bucket', 'entry-point buckets'],
  certificateResolvers: ['certificate-resolver bucket', 'certificate-resolver buckets'],
  challenges: ['ACME challenge type', 'ACME challenge types'],
}

const count = (n: number, [one, many]: readonly [string, string]) => `${n} ${n === 1 ? one : many}`

/** `a`, `a and b`, `a, b and c`. */
const listed = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/** "240 daily version counts and 3 versions were left out: …", or nothing when nothing was. */
export function leftOut(other: Summary['other']): string {
  const parts = (Object.entries(other) as [keyof Summary['other'], { buckets: number }][])
    .filter(([, folded]) => folded.buckets > 0)
    .map(([list, folded]) => count(folded.buckets, ROWS[list] ?? [list, list]))
  if (!parts.length) return ''
  const total = parts.length === 1 && /^1 /.test(parts[0] as string)
  return `${listed(parts)} ${total ? 'was' : 'were'} left out: under the threshold, or hiding one that is.`
}

/** The threshold as a phrase: "10 installations from 3 networks". */
export const threshold = (summary: Pick<Summary, 'minCount' | 'minNetworks'>) =>
  `${summary.minCount} installation${summary.minCount === 1 ? '' : 's'} from ${summary.minNetworks} network${
    summary.minNetworks === 1 ? '' : 's'
  }`

/** What an empty table says: why it is empty. */
export const nothingOver = (summary: Pick<Summary, 'minCount' | 'minNetworks'>) =>
  `Nothing reaches the threshold (${threshold(summary)}) in this window`

/** Why a window shows little or nothing, when it does; else nothing. */
export function smallStoreHint(summary: Summary): string {
  const little = summary.installations === null || summary.versions.length === 0 || summary.providers.length === 0
  if (!little) return ''
  return (
    `Little or nothing is published for this window: a number is shown only when at least ${threshold(summary)} ` +
    'are behind it. Windows end with yesterday (UTC), so reports sent today appear tomorrow. ' +
    'On a private trial, serve --min-count=1 --min-networks=1 shows small counts, and publishes them to anyone ' +
    'who can open this page.'
  )
}
