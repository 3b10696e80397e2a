/**
 * Free-form names chosen by the operator (entry points, resolvers, plugins, map keys). A name is
 * sent as written only when it reads as a label: ASCII letters, digits, `-` and `_`, short, and
 * neither an identifier nor a host name in disguise. Anything else is replaced by a numbered
 * placeholder (`entry-1`), so that the number of entries survives. Every check is one pass.
 */

export const NAME_MAX_LENGTH = 32
/** Words are shorter: a longer unbroken run of letters and digits reads as a token. */
export const WORD_MAX_LENGTH = 20
const HEX_RUN = 8
const DIGIT_RUN = 6

/**
 * Last labels that make `s3cr3t_example_com` (an entry name given as an environment variable,
 * where dots cannot be written) read as a host name: any two letters (country codes) and these.
 */
const TOP_LEVEL_LABELS = new Set(
  'com net org edu gov mil int info biz name pro app dev cloud online site tech store shop xyz top club page blog live local lan internal intranet corp home localdomain localhost example test invalid arpa onion'.split(
    ' ',
  ),
)

export interface Meter {
  steps: number
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isSeparator = (c: number) => c === 45 || c === 95 // - _
const isTopLevel = (part: string) =>
  (part.length === 2 && /^[a-z]{2}$/i.test(part)) || TOP_LEVEL_LABELS.has(part.toLowerCase())

/**
 * Why the word between `start` and `end` is not a plain label, or undefined when it is one.
 * `letter` says which characters count as letters (ASCII for names, any script in free text).
 */
export function wordProblem(
  text: string,
  start: number,
  end: number,
  letter: (c: number) => boolean,
  meter?: Meter,
): string | undefined {
  let run = 0
  let hexRun = 0
  let hexHasDigit = false
  let digitRun = 0
  let parts = 1
  let lastPart = start
  for (let i = start; i < end; i++) {
    if (meter) meter.steps++
    const c = text.charCodeAt(i)
    if (isSeparator(c)) {
      run = hexRun = digitRun = 0
      hexHasDigit = false
      parts++
      lastPart = i + 1
      continue
    }
    if (!isDigit(c) && !letter(c)) return 'characters other than letters, digits, - and _'
    if (++run > WORD_MAX_LENGTH) return `a word longer than ${WORD_MAX_LENGTH} characters (token-like)`
    digitRun = isDigit(c) ? digitRun + 1 : 0
    if (digitRun >= DIGIT_RUN) return `${DIGIT_RUN} or more digits in a row`
    if (isHex(c)) {
      hexRun++
      hexHasDigit ||= isDigit(c)
      if (hexRun >= HEX_RUN && hexHasDigit) return 'a hexadecimal identifier'
    } else {
      hexRun = 0
      hexHasDigit = false
    }
  }
  if (parts > 1 && isTopLevel(text.slice(lastPart, end))) return 'reads as a host name (labels joined by - or _)'
  return undefined
}

/** Why `name` is not sent as written, or undefined when it reads as a plain name. */
export function nameProblem(name: string, meter?: Meter): string | undefined {
  if (name === '') return 'empty'
  if (name.length > NAME_MAX_LENGTH) return `longer than ${NAME_MAX_LENGTH} characters`
  return wordProblem(name, 0, name.length, isAsciiLetter, meter)
}

export interface EntryNames {
  /** The name each entry is sent under: itself, or a placeholder. */
  readonly sent: ReadonlyMap<string, string>
  /** Why a name was replaced, for `explain`. */
  readonly problems: ReadonlyMap<string, string>
}

/**
 * The names a map's entries are sent under. Placeholders (`prefix-1`, `prefix-2`…) skip any
 * number a kept name already uses, so two entries never merge and the result names itself.
 */
export function entryNames(names: readonly string[], prefix: string): EntryNames {
  const sent = new Map<string, string>()
  const problems = new Map<string, string>()
  for (const name of names) {
    const problem = nameProblem(name)
    if (problem) problems.set(name, problem)
    else sent.set(name, name)
  }
  let number = 0
  for (const name of problems.keys()) {
    let placeholder: string
    do placeholder = `${prefix}-${++number}`
    while (sent.has(placeholder))
    sent.set(name, placeholder)
  }
  return { sent, problems }
}
