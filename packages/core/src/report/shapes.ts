import type { SchemaNode, StringShape } from '../schema/walk.js'
import { anonymizeAddress } from './address.js'
import type { DecisionKind } from './decision.js'
import { nameProblem } from './names.js'
import type { ReferenceNames } from './references.js'
import { isVersion, SCRUBBED, scrub } from './scrub.js'

/**
 * An exported string checked against what the schema says it holds: an enumerated value, a
 * reference, an address, a name, a version, a status code. Only free text without a shape goes
 * through the scrub pass. A value that does not fit its shape is not sent as written.
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

function qualifiedName(qualifiers: readonly string[], value: string): StringOutcome {
  const at = value.indexOf('@')
  const name = at < 0 ? value : value.slice(0, at)
  const problem = nameProblem(name)
  if (problem) return scrubbed(`not a plain name (${problem})`)
  if (at >= 0 && !qualifiers.includes(value.slice(at + 1).toLowerCase()))
    return scrubbed('not qualified by a known provider')
  return kept(value)
}

function shaped(shape: StringShape, value: string, references: ReferenceNames): StringOutcome {
  switch (shape.type) {
    case 'reference':
      return reference(shape, value, references)
    case 'address':
      return anonymizeAddress(value)
    case 'qualified-name':
      return qualifiedName(shape.qualifiers, value)
    case 'name': {
      const problem = nameProblem(value)
      return problem ? scrubbed(`not a plain name (${problem})`) : kept(value)
    }
    case 'version':
      return isVersion(value) ? kept(value) : scrubbed('not a version such as v1.2.3')
    case 'status-code':
      return STATUS_CODE.test(value) ? kept(value) : scrubbed('not a status code or range such as 500-599')
  }
}

/** One of the listed values, in the spelling the schema lists; anything else is not sent. */
function enumerated(values: readonly string[], value: string): StringOutcome {
  if (values.includes(value)) return kept(value)
  const lower = value.toLowerCase()
  const listed = values.find((candidate) => candidate.toLowerCase() === lower)
  return listed === undefined ? scrubbed('not one of the listed values') : kept(listed)
}

/** What an exported string is sent as, and why. */
export function checkString(node: SchemaNode, value: string, references: ReferenceNames): StringOutcome {
  if (value === '') return kept(value)
  if (node.values) return enumerated(node.values, value)
  if (node.shape) return shaped(node.shape, value, references)
  const result = scrub(value)
  return result.pattern ? scrubbed(result.pattern) : kept(value)
}
