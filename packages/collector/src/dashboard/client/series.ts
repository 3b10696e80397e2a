import uPlot from 'uplot'

/**
 * Time series drawn with uPlot: one line per series, or stacked areas. A day with no published
 * number is drawn as a hatched band across the chart (and the line breaks there), never as zero.
 */

const HEIGHT = 260
const DAY_S = 86_400
const plots = new Set<uPlot>()

const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000
const widthOf = (parent: HTMLElement) => Math.max(280, parent.clientWidth)

/** The days from `from` to `to`, both included: a chart's x axis covers its whole window. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let at = seconds(from); at <= seconds(to); at += DAY_S) days.push(new Date(at * 1000).toISOString().slice(0, 10))
  return days
}

export interface Series {
  label: string
  /** One per day; null where the number is not published. */
  values: (number | null)[]
  colour: string
  /** Drawn hatched: the part of a day's count that no published row accounts for. */
  hatched?: boolean
}

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.body).getPropertyValue(name).trim() || fallback

/** Grey diagonal lines on a transparent ground, for what is not published. */
function hatch(context: CanvasRenderingContext2D, colour: string): CanvasPattern | string {
  const tile = document.createElement('canvas')
  tile.width = tile.height = 8 * devicePixelRatio
  const pen = tile.getContext('2d')
  if (!pen) return colour
  pen.strokeStyle = colour
  pen.lineWidth = devicePixelRatio
  pen.beginPath()
  for (const offset of [-1, 0, 1]) {
    pen.moveTo(offset * tile.width, tile.height)
    pen.lineTo((offset + 1) * tile.width, 0)
  }
  pen.stroke()
  return context.createPattern(tile, 'repeat') ?? colour
}

/** Draws the days of `missing` as hatched bands over the whole height of the plot, under the series. */
function bandsOf(days: string[], missing: ReadonlySet<number>): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (chart) => {
        if (!missing.size) return
        const { ctx, bbox } = chart
        ctx.save()
        ctx.fillStyle = hatch(ctx, cssVar('--unpublished', '#9aa3ae'))
        for (const index of missing) {
          const at = seconds(days[index] as string)
          const left = Math.max(bbox.left, chart.valToPos(at - DAY_S / 2, 'x', true))
          const right = Math.min(bbox.left + bbox.width, chart.valToPos(at + DAY_S / 2, 'x', true))
          if (right > left) ctx.fillRect(left, bbox.top, right - left, bbox.height)
        }
        ctx.restore()
      },
    },
  }
}

/** Counts: ticks at whole numbers only. */
const COUNT_STEPS = Array.from({ length: 10 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat()

function plot(
  parent: HTMLElement,
  title: string,
  days: string[],
  drawn: Series[],
  shown: Series[],
  missing: ReadonlySet<number>,
) {
  for (const old of plots) if (parent.contains(old.root)) plots.delete(old), old.destroy()
  const stroke = cssVar('--text', '#222')
  const axis = { stroke, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } }
  const last = days.length - 1
  const chart = new uPlot(
    {
      title,
      width: widthOf(parent),
      height: HEIGHT,
      // Counts start at zero: a move from 112 to 111 installations is not drawn as a cliff.
      scales: {
        x: { time: true },
        y: { range: (_chart, _min, max) => uPlot.rangeNum(0, Math.max(max, 1), 0.1, true) },
      },
      axes: [axis, { ...axis, size: 50, incrs: COUNT_STEPS }],
      plugins: [bandsOf(days, missing)],
      series: [
        // Until the pointer is over the chart, the legend shows the last day.
        { label: 'Day', value: (_chart, _value, _series, at) => days[at ?? last] ?? '' },
        ...drawn.map((one, index) => {
          const pattern = (chart: uPlot) => hatch(chart.ctx, cssVar('--unpublished', '#9aa3ae'))
          return {
            label: shown[index]?.label ?? one.label,
            stroke: one.hatched ? cssVar('--unpublished', '#9aa3ae') : one.colour,
            // Opaque: each area is filled down to zero, so a translucent one would tint every area under it.
            fill: one.hatched ? pattern : drawn === shown ? undefined : one.colour,
            // Stacked areas are told apart by their fills: a line would draw a version not published on a day at its base.
            width: drawn === shown ? 2 : 0,
            // The legend shows each series' own count, not the stacked height; a day not published as such.
            value: (_chart: uPlot, _value: unknown, _series: number, at: number | null) => {
              const count = shown[index]?.values[at ?? last]
              return count === null || count === undefined ? 'not published' : String(count)
            },
          }
        }),
      ],
    },
    [days.map(seconds), ...drawn.map((one) => one.values)] as uPlot.AlignedData,
    parent,
  )
  plots.add(chart)
  // The legend's marker of a hatched series is hatched too.
  const markers = chart.root.querySelectorAll('.u-legend .u-series .u-marker')
  drawn.forEach((one, index) => {
    if (one.hatched) markers[index + 1]?.classList.add('hatched')
  })
  // The bands' legend: uPlot's lists series only.
  parent.querySelector(':scope > .unpublished-key')?.remove()
  if (missing.size) {
    const key = document.createElement('p')
    key.className = 'unpublished-key'
    key.innerHTML = '<span class="swatch" aria-hidden="true"></span>'
    key.append(`Not published: ${missing.size === 1 ? 'a day' : `${missing.size} days`} under the threshold`)
    parent.append(key)
  }
}

/** The days on which every series is null: not published at all. */
const missingDays = (days: string[], series: Series[]) =>
  new Set(days.flatMap((_, at) => (series.every((one) => one.values[at] === null) ? [at] : [])))

export function lines(parent: HTMLElement, title: string, days: string[], series: Series[]) {
  plot(parent, title, days, series, series, missingDays(days, series))
}

/** Stacked areas: each series drawn at the sum of itself and those under it (the first at the bottom); the legend lists the top one first. */
export function stacked(parent: HTMLElement, title: string, days: string[], series: Series[]) {
  const missing = missingDays(days, series)
  const sums: Series[] = []
  series.forEach((one, index) => {
    const below = sums[index - 1]?.values
    // A series not published on a day others are (its count is in the hatched part) adds nothing there.
    const values = one.values.map((value, at) => (missing.has(at) ? null : (value ?? 0) + (below?.[at] ?? 0)))
    sums.push({ ...one, values })
  })
  plot(parent, title, days, sums.reverse(), [...series].reverse(), missing)
}

addEventListener('resize', () => {
  for (const chart of plots)
    if (chart.root.parentElement) chart.setSize({ width: widthOf(chart.root.parentElement), height: HEIGHT })
})
