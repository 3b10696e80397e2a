import { allowedValues } from '../schema/options.js'

/** A closed set up to this size is listed whole in an error; a longer one by its first values. */
export const LISTED_VALUES = 20
/** How many values an error lists of a longer set. */
const FIRST_VALUES = 10

/**
 * What an error says a closed set expects: every value (`one of json, common`), or for a set of
 * more than 20 (lego's DNS providers) the first ten, the count, and where all of them are listed,
 * so that one mistyped value does not print two hundred names on one line.
 */
export function expectedValues(enumeration: {
  readonly values?: readonly string[]
  readonly caseInsensitive?: boolean
}): string {
  const values = enumeration.values ?? []
  if (values.length <= LISTED_VALUES) return allowedValues(enumeration)
  const anyCase = enumeration.caseInsensitive ? ', in any case' : ''
  const first = values.slice(0, FIRST_VALUES).join(', ')
  return `one of ${first}, … (${values.length} values${anyCase}, all listed by the flags command)`
}
