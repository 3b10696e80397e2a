/**
 * The word rule of the scrub pass (the second net, for free text such as a value quoted in an
 * error message): a word passes only when it reads as a plain label, neither a
 * token nor a host name in disguise. One pass over the word.
 */

/** A longer unbroken run of letters and digits reads as a token. */
const WORD_MAX_LENGTH = 20
const HEX_RUN = 8
const DIGIT_RUN = 6

/**
 * Last labels that make `s3cr3t_example_com` (a host name written where dots cannot be) read as
 * a host name: any two letters (country codes) and these.
 */
const TOP_LEVEL_LABELS = new Set(
  'com net org edu gov mil int info biz name pro app dev cloud online site tech store shop xyz top club page blog live local lan internal intranet corp home localdomain localhost example test invalid arpa onion'.split(
    ' ',
  ),
)

/** Counts the characters looked at, for the tests that prove the work is linear. */
export interface Meter {
  steps: number
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isSeparator = (c: number) => c === 45 || c === 95 // - _
const isTopLevel = (part: string) =>
  (part.length === 2 && /^[a-z]{2}$/i.test(part)) || TOP_LEVEL_LABELS.has(part.toLowerCase())

/**
 * Why the word between `start` and `end` is not a plain label, or undefined when it is one.
 * `letter` says which characters count as letters.
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
