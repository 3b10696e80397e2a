import { optionPaths } from '../../stats/option-path.js'
import { type OptionStats, optionOf } from './api.js'
import { bars } from './bars.js'
import { el, fill, table } from './dom.js'
import { releasesOf } from './releases.js'
import { daysBetween, lines } from './series.js'
import { colourOf } from './versions.js'
import { nothingOver } from './words.js'

/**
 * The option explorer: a path with completion from the schema's options, then its adoption and
 * values. A path as a configuration spells it (`entryPoints.web.address`) is shown as the option
 * it is (`entryPoints.<name>.address`); a path that is no option clears what was shown and offers
 * the nearest ones.
 */

export function renderOption(root: HTMLElement, stats: OptionStats): void {
  root.hidden = false
  const text = (selector: string, value: string) => {
    const node = root.querySelector(selector)
    if (node) node.textContent = value
  }
  text('[data-stat="option-path"]', stats.path)
  // Adoption is counted over the installations whose release has the option: say which those are.
  text('[data-stat="option-help"]', [stats.help || 'No help text.', releasesOf(stats)].filter(Boolean).join(' '))
  const adoptionChart = root.querySelector<HTMLElement>('.chart.adoption')
  if (adoptionChart) {
    const days = daysBetween(stats.from, stats.to)
    const byDay = new Map(stats.adoption.map((row) => [row.day, row]))
    lines(adoptionChart, `Installations setting ${stats.path}`, days, [
      {
        label: 'Setting it',
        values: days.map((day) => byDay.get(day)?.installations ?? null),
        colour: colourOf('setting'),
      },
      { label: 'Reporting', values: days.map((day) => byDay.get(day)?.of ?? null), colour: colourOf('reporting') },
    ])
  }
  fill(
    root.querySelector('.table.adoption'),
    table(
      `Installations setting ${stats.path}, per day`,
      [
        { title: 'Day', value: (row) => row.day },
        { title: 'Setting it', value: (row) => row.installations },
        { title: 'Reporting', value: (row) => row.of },
      ],
      stats.adoption,
      (row) => row.day,
      nothingOver(stats),
    ),
  )
  const values = stats.values.map((row) => ({ label: row.value, value: row.installations }))
  const note = stats.export ? 'No value has enough installations behind it.' : 'The value of this option is never sent.'
  fill(
    root.querySelector('.chart.values'),
    values.length ? bars(`Values of ${stats.path}`, values) : el('p', { class: 'note' }, note),
  )
  fill(
    root.querySelector('.table.values'),
    table(
      `Values of ${stats.path}`,
      [
        { title: 'Value', value: (row) => row.value },
        { title: 'Installations', value: (row) => row.installations },
      ],
      stats.values,
      (row) => row.value,
      stats.export ? nothingOver(stats) : 'Never sent',
    ),
  )
}

export function startExplorer(form: HTMLFormElement, paths: readonly string[], days: () => number): void {
  const list = document.getElementById('option-paths')
  list?.replaceChildren(...paths.map((path) => el('option', { value: path })))
  const input = form.querySelector('input') as HTMLInputElement
  const result = document.getElementById('option-result') as HTMLElement
  const message = document.getElementById('option-message') as HTMLElement
  const known = optionPaths(paths)

  /** Hides what was shown (an unknown path must not leave another option's charts up) and says why. */
  const explain = (text: string, suggestions: readonly string[] = []) => {
    result.hidden = true
    delete result.dataset.loaded
    message.hidden = false
    const offers = suggestions.map((path) =>
      el('button', { type: 'button', class: 'suggestion', 'data-path': path }, path),
    )
    message.replaceChildren(el('span', {}, text), ...offers)
  }

  const show = async () => {
    const typed = input.value.trim()
    if (typed === '') return
    const path = known.resolve(typed)
    if (path === undefined) {
      const nearest = known.nearest(typed)
      explain(`No option ${typed}.${nearest.length ? ' Nearest:' : ''}`, nearest)
      return
    }
    let stats: OptionStats
    try {
      stats = await optionOf(path, days())
    } catch (error) {
      if (input.value.trim() === typed) explain(`Could not load ${path}: ${(error as Error).message}`)
      return
    }
    // An older answer must not replace the one for what is typed now.
    if (input.value.trim() !== typed) return
    message.hidden = true
    message.replaceChildren()
    renderOption(result, stats)
    result.dataset.loaded = path
    result.dataset.typed = typed
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void show()
  })
  message.addEventListener('click', (event) => {
    const path = (event.target as HTMLElement).closest<HTMLElement>('[data-path]')?.dataset.path
    if (!path) return
    input.value = path
    void show()
  })
  // Picking a suggestion fires `input` with the full path: show it at once.
  input.addEventListener('input', () => {
    if (paths.includes(input.value.trim())) void show()
  })
}
