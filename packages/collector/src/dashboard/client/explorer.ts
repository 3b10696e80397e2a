import { type OptionStats, optionOf } from './api.js'
import { bars } from './bars.js'
import { el, fill, table } from './dom.js'
import { lines } from './series.js'

/** The option explorer: a path with completion from the schema's options, then its adoption and values. */

export function renderOption(root: HTMLElement, stats: OptionStats): void {
  root.hidden = false
  const text = (selector: string, value: string) => {
    const node = root.querySelector(selector)
    if (node) node.textContent = value
  }
  text('[data-stat="option-path"]', stats.path)
  text('[data-stat="option-help"]', stats.help || 'No help text.')
  const adoptionChart = root.querySelector<HTMLElement>('.chart.adoption')
  if (adoptionChart) {
    const days = stats.adoption.map((row) => row.day)
    lines(adoptionChart, `Installations setting ${stats.path}`, days, [
      { label: 'setting it', values: stats.adoption.map((row) => row.installations) },
      { label: 'reporting', values: stats.adoption.map((row) => row.of) },
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
    ),
  )
}

export function startExplorer(form: HTMLFormElement, paths: readonly string[], days: () => number): void {
  const list = document.getElementById('option-paths')
  list?.replaceChildren(...paths.map((path) => el('option', { value: path })))
  const input = form.querySelector('input') as HTMLInputElement
  const result = document.getElementById('option-result') as HTMLElement
  const known = new Set(paths)
  const show = async () => {
    const path = input.value.trim()
    if (!known.has(path)) {
      input.setCustomValidity(`No option ${path}`)
      input.reportValidity()
      return
    }
    input.setCustomValidity('')
    const stats = await optionOf(path, days())
    // An older answer must not replace the one for what is typed now.
    if (input.value.trim() !== path) return
    renderOption(result, stats)
    result.dataset.loaded = path
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void show()
  })
  // Picking a suggestion fires `input` with the full path: show it at once.
  input.addEventListener('input', () => {
    input.setCustomValidity('')
    if (known.has(input.value.trim())) void show()
  })
}
