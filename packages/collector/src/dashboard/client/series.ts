import uPlot from 'uplot'

/** Time series drawn with uPlot: one line per series, or stacked areas. */

const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#64748b']
const HEIGHT = 260
const plots = new Set<uPlot>()

const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000
const widthOf = (parent: HTMLElement) => Math.max(280, parent.clientWidth)

export interface Series {
  label: string
  values: number[]
}

function axisColor(): string {
  return getComputedStyle(document.body).getPropertyValue('--text').trim() || '#222'
}

function plot(parent: HTMLElement, title: string, days: string[], series: Series[], raw: Series[], stacked: boolean) {
  for (const old of plots) if (parent.contains(old.root)) plots.delete(old), old.destroy()
  const stroke = axisColor()
  const axis = { stroke, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } }
  const options: uPlot.Options = {
    title,
    width: widthOf(parent),
    height: HEIGHT,
    // Counts start at zero: a move from 112 to 111 installations is not drawn as a cliff.
    scales: { x: { time: true }, y: { range: (_chart, _min, max) => uPlot.rangeNum(0, Math.max(max, 1), 0.1, true) } },
    axes: [axis, { ...axis, size: 50 }],
    series: [
      {},
      ...series.map((one, index) => ({
        label: one.label,
        stroke: PALETTE[index % PALETTE.length],
        fill: stacked ? `${PALETTE[index % PALETTE.length]}99` : undefined,
        width: 2,
        // The legend shows each series' own count, not the stacked height.
        value: (_: uPlot, value: number | null, _series: number, at: number | null) =>
          at === null || value === null ? '–' : String(raw[index]?.values[at] ?? value),
      })),
    ],
  }
  const chart = new uPlot(options, [days.map(seconds), ...series.map((one) => one.values)], parent)
  plots.add(chart)
}

export function lines(parent: HTMLElement, title: string, days: string[], series: Series[]) {
  plot(parent, title, days, series, series, false)
}

/** Stacked areas: each series drawn at the sum of itself and those under it, the top one first. */
export function stacked(parent: HTMLElement, title: string, days: string[], series: Series[]) {
  const sums: Series[] = []
  series.forEach((one, index) => {
    const below = sums[index - 1]?.values
    sums.push({ label: one.label, values: one.values.map((value, at) => value + (below?.[at] ?? 0)) })
  })
  plot(parent, title, days, sums.reverse(), [...series].reverse(), true)
}

addEventListener('resize', () => {
  for (const chart of plots)
    if (chart.root.parentElement) chart.setSize({ width: widthOf(chart.root.parentElement), height: HEIGHT })
})
