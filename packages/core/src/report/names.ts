import { isPrintableAscii } from './ascii.js'

/**
 * Names chosen by the operator (entry points, resolvers, plugins, any map key that is sent) leave
 * the machine only from a closed set: a name of the map's dictionary, compared in any case and
 * sent in the dictionary's spelling, or one of the map's own numbered placeholders (`entry-1`, what
 * a replaced name is sent as). Any other name is replaced by the next free placeholder, so that
 * the number of entries survives and two entries never merge.
 */

const NO_NAMES: readonly string[] = []
/** `entry-1` … `entry-999999`, written as the anonymizer writes it. */
const PLACEHOLDER_NUMBER = /^[1-9]\d{0,5}$/

const spellingsByDictionary = new WeakMap<readonly string[], ReadonlyMap<string, string>>()

function spellings(dictionary: readonly string[]): ReadonlyMap<string, string> {
  let known = spellingsByDictionary.get(dictionary)
  if (!known) {
    known = new Map(dictionary.map((name) => [name.toLowerCase(), name]))
    spellingsByDictionary.set(dictionary, known)
  }
  return known
}

/** The dictionary's spelling of `name` (compared in any case), or undefined when the dictionary does not hold it. */
export function dictionarySpelling(dictionary: readonly string[], name: string): string | undefined {
  return isPrintableAscii(name) ? spellings(dictionary).get(name.toLowerCase()) : undefined
}

/** `prefix-N` as the anonymizer writes it. */
export function isPlaceholder(name: string, prefix: string): boolean {
  return name.startsWith(`${prefix}-`) && PLACEHOLDER_NUMBER.test(name.slice(prefix.length + 1))
}

export interface EntryNames {
  /** The name each entry is sent under: itself, its dictionary spelling, or a placeholder. */
  readonly sent: ReadonlyMap<string, string>
  /** Why a name is not sent as written, for `explain`. */
  readonly problems: ReadonlyMap<string, string>
}

/**
 * The names a map's entries are sent under. Names sent as written claim their spelling first, so
 * that a case variant (`Web` beside `web`) never takes it; placeholders skip every name taken.
 */
export function entryNames(names: readonly string[], prefix: string, dictionary = NO_NAMES): EntryNames {
  const sent = new Map<string, string>()
  const problems = new Map<string, string>()
  const pending: string[] = []
  for (const name of names) {
    if (isPlaceholder(name, prefix) || dictionarySpelling(dictionary, name) === name) sent.set(name, name)
    else pending.push(name)
  }
  const taken = new Set(sent.values())
  const unnamed: string[] = []
  for (const name of pending) {
    const spelling = dictionarySpelling(dictionary, name)
    if (spelling === undefined) {
      problems.set(name, 'not in the names dictionary')
      unnamed.push(name)
    } else if (taken.has(spelling)) {
      problems.set(name, `a case variant of ${spelling}, which another entry is sent as`)
      unnamed.push(name)
    } else {
      problems.set(name, 'written in another case than the names dictionary')
      sent.set(name, spelling)
      taken.add(spelling)
    }
  }
  let number = 0
  for (const name of unnamed) {
    let placeholder: string
    do placeholder = `${prefix}-${++number}`
    while (taken.has(placeholder))
    sent.set(name, placeholder)
    taken.add(placeholder)
  }
  return { sent, problems }
}
