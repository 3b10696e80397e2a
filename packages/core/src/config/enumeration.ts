import type { SchemaNode } from '../schema/walk.js'
import { expectedValues } from './closed-set.js'
import { ConfigError } from './errors.js'
import { formatPath } from './keys.js'
import { describeRaw, type Place } from './place.js'
import type { RawScalar } from './raw.js'
import { didYouMean } from './suggest.js'

/**
 * The value of a closed set in the spelling the schema lists (`debug` → `DEBUG` where the option
 * is read in any case), so that two spellings of one value load, anonymize and hash alike.
 * Anything else is a located error listing the allowed values (the first ones of a long set),
 * with the closest as a suggestion.
 */
export function enumeratedValue(text: string, node: SchemaNode, scalar: RawScalar, place: Place): string {
  const values = node.values ?? []
  if (values.includes(text)) return text
  if (node.caseInsensitive) {
    const lowerCase = text.toLowerCase()
    const match = values.find((value) => value.toLowerCase() === lowerCase)
    if (match !== undefined) return match
  }
  const suggestion = didYouMean(text, values)
  throw new ConfigError({
    origin: scalar.origin,
    path: formatPath(place.path),
    problem: 'not an allowed value',
    expected: expectedValues(node),
    found: describeRaw(scalar, place.exported),
    ...(suggestion === undefined ? {} : { suggestion }),
  })
}
