import { el, label } from './dom.js'

/** Horizontal bars for shares, where a time axis has no meaning: one row per label, the bar in SVG. */

const SVG = 'http://www.w3.org/2000/svg'

function bar(share: number): SVGSVGElement {
  const chart = document.createElementNS(SVG, 'svg')
  chart.setAttribute('viewBox', '0 0 100 10')
  chart.setAttribute('preserveAspectRatio', 'none')
  chart.setAttribute('aria-hidden', 'true')
  const rect = document.createElementNS(SVG, 'rect')
  rect.setAttribute('width', String(Math.max(0.5, share * 100)))
  rect.setAttribute('height', '10')
  chart.append(rect)
  return chart
}

/** `of` is the whole the shares are taken of (installations); the largest row when absent. */
export function bars(title: string, rows: { label: string; value: number }[], of?: number): HTMLElement {
  const whole = Math.max(1, of ?? 0, ...rows.map((row) => row.value))
  return el(
    'figure',
    { class: 'bars', 'aria-label': title },
    ...rows.map((row) =>
      el('div', { class: 'bar-row' }, label('span', row.label, { class: 'bar-label' }), bar(row.value / whole)),
    ),
  )
}
