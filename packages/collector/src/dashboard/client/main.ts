import 'uplot/dist/uPlot.min.css'
import './styles.css'
import { windowOf } from '../windows.js'
import { type Summary, summaryOf } from './api.js'
import { bars } from './bars.js'
import { fill, table } from './dom.js'
import { startExplorer } from './explorer.js'
import { daysBetween, lines, stacked } from './series.js'
import { colourOf, newestFirst } from './versions.js'
import { leftOut, nothingOver, smallStoreHint, threshold } from './words.js'

/** The dashboard: reads the public summary and draws it, with every number also written as a table. */

const TOP_OPTIONS = 20

const section = (id: string, part: 'chart' | 'table') =>
  document.querySelector<HTMLElement>(`#${id} > .${part}`) as HTMLElement

const daysWanted = () => windowOf(new URLSearchParams(location.search).get('days'))

function setStat(name: string, value: string) {
  const node = document.querySelector(`[data-stat="${name}"]`)
  if (node) node.textContent = value
}

function renderFacts(summary: Summary) {
  setStat('range', `${summary.from} to ${summary.to} (${summary.days} days)`)
  setStat(
    'installations',
    summary.installations === null ? `fewer than ${summary.minCount}` : String(summary.installations),
  )
  setStat('min-count', `${summary.minCount} installations`)
  setStat(
    'min-networks',
    summary.networks === 'unknown'
      ? `unknown (the collector keeps no network): ${summary.minNetworks > 0 ? 'nothing is published' : 'not required'}`
      : `${summary.minNetworks} networks`,
  )
  const note = document.getElementById('folded')
  if (note)
    note.textContent = [
      `Every number comes from at least ${threshold(summary)} (distinct ones), and no number left out can be computed from the others.`,
      leftOut(summary.other),
      'Today is never published: the window ends with the last finished UTC day.',
    ]
      .filter(Boolean)
      .join(' ')
  const hint = document.getElementById('hint')
  if (hint) {
    hint.textContent = smallStoreHint(summary)
    hint.hidden = hint.textContent === ''
  }
}

/** Every day of the window, published or not: a day without a number is drawn as such. */
const windowDays = (summary: Summary) => daysBetween(summary.from, summary.to)

function renderInstallations(summary: Summary) {
  const rows = summary.installationsByDay
  const days = windowDays(summary)
  const count = new Map(rows.map((row) => [row.day, row.installations]))
  lines(section('installations', 'chart'), 'Installations reporting, per day', days, [
    { label: 'Installations', values: days.map((day) => count.get(day) ?? null), colour: colourOf('installations') },
  ])
  const columns = [
    { title: 'Day', value: (row: (typeof rows)[number]) => row.day },
    { title: 'Installations', value: (row: (typeof rows)[number]) => row.installations },
  ]
  fill(
    section('installations', 'table'),
    table('Installations per day', columns, rows, (row) => row.day, nothingOver(summary)),
  )
}

function renderVersions(summary: Summary) {
  const days = windowDays(summary)
  const total = new Map(summary.installationsByDay.map((row) => [row.day, row.installations]))
  const versions = [...new Set(summary.versions.map((row) => row.version))].sort(newestFirst)
  const count = new Map(summary.versionsByDay.map((row) => [`${row.day} ${row.version}`, row.installations]))
  // Oldest at the bottom of the stack, so the legend lists the newest first.
  const series = [...versions].reverse().map((version) => ({
    label: version,
    values: days.map((day) => (total.has(day) ? (count.get(`${day} ${version}`) ?? null) : null)),
    colour: colourOf(version),
  }))
  // What a published day's total has beyond its published versions: drawn hatched, on top.
  const published = (at: number) => series.reduce((sum, one) => sum + (one.values[at] ?? 0), 0)
  const rest = days.map((day, at) => {
    const whole = total.get(day)
    return whole === undefined ? null : Math.max(0, whole - published(at))
  })
  stacked(section('versions', 'chart'), 'Installations per version, per day (stacked)', days, [
    ...series,
    { label: 'Under the threshold', values: rest, colour: 'grey', hatched: true },
  ])
  const rows = [...summary.versions].sort((a, b) => newestFirst(a.version, b.version))
  const columns = [
    { title: 'Version', value: (row: Summary['versions'][number]) => row.version },
    { title: 'Installations', value: (row: Summary['versions'][number]) => row.installations },
  ]
  fill(
    section('versions', 'table'),
    table('Installations per version', columns, rows, (row) => row.version, nothingOver(summary)),
  )
}

/** A share section: bars of each row's installations, and the same numbers as a table. */
function renderShare(
  id: string,
  title: string,
  what: string,
  rows: { label: string; installations: number }[],
  whole: number | undefined,
  empty: string,
) {
  fill(
    section(id, 'chart'),
    bars(
      title,
      rows.map((row) => ({ label: row.label, value: row.installations })),
      whole,
    ),
  )
  const columns = [
    { title: what, value: (row: (typeof rows)[number]) => row.label },
    { title: 'Installations', value: (row: (typeof rows)[number]) => row.installations },
  ]
  fill(
    section(id, 'table'),
    table(title, columns, rows, (row) => row.label, empty),
  )
}

/** `United States (US)`: the browser's own name of a country code; `unknown` as such. */
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' })
const countryName = (code: string) => (code === 'unknown' ? 'Unknown' : `${regions.of(code) ?? code} (${code})`)

function renderShares(summary: Summary) {
  const whole = summary.installations ?? undefined
  const labelled = <T extends { installations: number }>(rows: T[], label: (row: T) => string) =>
    rows.map((row) => ({ label: label(row), installations: row.installations }))
  renderShare(
    'countries',
    'Installations per country',
    'Country',
    labelled(summary.countries, (row) => countryName(row.country)),
    whole,
    nothingOver(summary),
  )
  renderShare(
    'providers',
    'Installations per provider or section',
    'Provider or section',
    labelled(summary.providers, (row) => row.name),
    whole,
    nothingOver(summary),
  )
  renderShare(
    'options',
    `The ${TOP_OPTIONS} most used options`,
    'Option',
    labelled(summary.options.slice(0, TOP_OPTIONS), (row) => row.path),
    whole,
    nothingOver(summary),
  )
  renderShare(
    'entry-points',
    'Installations by number of entry points',
    'Entry points',
    labelled(summary.entryPoints, (row) => row.bucket),
    whole,
    nothingOver(summary),
  )
  renderShare(
    'resolvers',
    'Installations by number of certificate resolvers',
    'Certificate resolvers',
    labelled(summary.certificateResolvers, (row) => row.bucket),
    whole,
    nothingOver(summary),
  )
  renderShare(
    'challenges',
    'Installations per ACME challenge type',
    'Challenge',
    labelled(summary.challenges, (row) => row.type),
    whole,
    nothingOver(summary),
  )
}

async function start() {
  const days = daysWanted()
  const select = document.getElementById('days') as HTMLSelectElement
  select.value = String(days)
  select.addEventListener('change', () => {
    location.search = `?days=${select.value}`
  })
  const paths = JSON.parse(document.getElementById('option-list')?.textContent ?? '[]') as string[]
  startExplorer(document.getElementById('explore') as HTMLFormElement, paths, () => days)
  const status = document.getElementById('status') as HTMLElement
  try {
    const summary = await summaryOf(days)
    renderFacts(summary)
    renderInstallations(summary)
    renderVersions(summary)
    renderShares(summary)
    status.textContent = `${days} days ending with the last finished UTC day.`
    // Ready once the charts are on screen: the frame that paints them has run.
    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)))
    performance.mark('dashboard-ready')
    document.body.dataset.ready = 'true'
  } catch (error) {
    status.textContent = `Could not load the statistics: ${(error as Error).message}`
  }
}

void start()
