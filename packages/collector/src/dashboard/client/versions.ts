/** Versions as the dashboard orders and colours them: newest first, each with its own colour in every window. */

const RELEASE = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/

/** Semver order, newest first; a pre-release before its release; anything else (`dev`, `other`) last, by name. */
export function newestFirst(a: string, b: string): number {
  const [x, y] = [RELEASE.exec(a), RELEASE.exec(b)]
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b)
  for (const part of [1, 2, 3]) {
    const difference = Number(y[part]) - Number(x[part])
    if (difference) return difference
  }
  if (!x[4] !== !y[4]) return x[4] ? 1 : -1
  return (y[4] ?? '').localeCompare(x[4] ?? '', 'en', { numeric: true })
}

/** A string's FNV-1a hash. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Hues far apart from one minor release to the next: 3.0 … 3.9 each have their own. */
const HUES = [212, 28, 140, 350, 265, 185, 48, 310, 95, 0] as const

/**
 * A version's colour, the same in every window and on every day: the hue from its minor release
 * (ten apart in `HUES`), the shade from its patch. Anything that is not a release number gets a
 * hue from its name's hash.
 */
export function colourOf(version: string): string {
  const parts = RELEASE.exec(version)
  if (!parts) return `hsl(${hash(version) % 360} 55% 50%)`
  const hue = HUES[(Number(parts[1]) * 10 + Number(parts[2])) % HUES.length] as number
  const lightness = [50, 66, 36][Number(parts[3]) % 3]
  return `hsl(${hue} ${hue === 0 ? 10 : 70}% ${lightness}%)`
}
