import type { SchemaNode, StringShape } from '../schema/walk.js'
import { anonymizeAddress } from './address.js'
import { isPrintableAscii } from './ascii.js'
import type { DecisionKind } from './decision.js'
import { dictionarySpelling } from './names.js'
import type { ReferenceNames } from './references.js'
import { MASKED, SCRUBBED } from './tokens.js'

/**
 * An exported string leaves only as a member of a closed set the schema owns: an enumerated
 * value, a reference to an entry, a listening address, a dictionary name, one of a listed set, a
 * strict version, a status code. A value that does not fit is not sent as written; an exported
 * string whose schema gives no closed shape is treated as not exported. Whatever the shape, only
 * printable ASCII is sent.
 */

export interface StringOutcome {
  readonly value: string
  readonly decision: DecisionKind
  readonly reason: string
}

const KEPT = 'exported'
const kept = (value: string): StringOutcome => ({ value, decision: 'kept', reason: KEPT })
const scrubbed = (reason: string): StringOutcome => ({
  value: SCRUBBED,
  decision: 'scrubbed',
  reason: `scrubbed: ${reason}`,
})

const STATUS_CODE = /^[1-5]\d\d(?:-[1-5]\d\d)?$/
/** Digits only: no pre-release or build part, which could carry any text. */
const STRICT_VERSION = /^v\d{1,6}\.\d{1,6}\.\d{1,6}$/

function isPort(text: string): boolean {
  return /^:\d{1,5}$/.test(text) && Number(text.slice(1)) <= 65535
}

function reference(
  shape: Extract<StringShape, { type: 'reference' }>,
  value: string,
  references: ReferenceNames,
): StringOutcome {
  const sent = references.byPath.get(shape.to)?.sent.get(value)
  if (sent === value) return kept(value)
  if (sent !== undefined) {
    return { value: sent, decision: 'scrubbed', reason: `scrubbed: names a renamed ${shape.to} entry, sent as ${sent}` }
  }
  if (shape.implicit?.includes(value) || (shape.orPort && isPort(value))) return kept(value)
  return scrubbed(`names no ${shape.to} entry of this configuration`)
}

/** One of `values`, compared in any case and sent in the spelling listed. */
function listed(values: readonly string[], value: string, what: string): StringOutcome {
  if (values.includes(value)) return kept(value)
  const lower = value.toLowerCase()
  const spelling = values.find((candidate) => candidate.toLowerCase() === lower)
  return spelling === undefined ? scrubbed(`not one of ${what}`) : kept(spelling)
}

function qualifiedName(shape: Extract<StringShape, { type: 'qualified-name' }>, value: string): StringOutcome {
  const at = value.indexOf('@')
  const name = dictionarySpelling(shape.names, at < 0 ? value : value.slice(0, at))
  if (name === undefined) return scrubbed('a name not in the names dictionary')
  if (at < 0) return kept(name)
  const qualifier = listed(shape.qualifiers, value.slice(at + 1), 'the known providers')
  return qualifier.decision === 'kept' ? kept(`${name}@${qualifier.value}`) : qualifier
}

function shaped(shape: StringShape, value: string, references: ReferenceNames): StringOutcome {
  switch (shape.type) {
    case 'reference':
      return reference(shape, value, references)
    case 'address':
      return anonymizeAddress(value)
    case 'qualified-name':
      return qualifiedName(shape, value)
    case 'one-of':
      return listed(shape.values, value, 'the listed values')
    case 'version':
      return STRICT_VERSION.test(value) ? kept(value) : scrubbed('not a version such as v1.2.3')
    case 'status-code':
      return STATUS_CODE.test(value) ? kept(value) : scrubbed('not a status code or range such as 500-599')
  }
}

/** What an exported string is sent as, and why. */
export function checkString(node: SchemaNode, value: string, references: ReferenceNames): StringOutcome {
  if (value === '') return kept(value)
  // An address that cannot be read is masked whole by the allow-list itself, ASCII check included.
  if (node.shape?.type === 'address') return anonymizeAddress(value)
  if (!isPrintableAscii(value)) return scrubbed('characters outside printable ASCII')
  if (node.values) return listed(node.values, value, 'the listed values')
  if (node.shape) return shaped(node.shape, value, references)
  return { value: MASKED, decision: 'masked', reason: 'not exported: no closed shape' }
}
