import type { SchemaNode } from '../schema/walk.js'
import { type Assignment, buildRawTree, type Segment } from './assign.js'
import { ConfigError } from './errors.js'
import { gather } from './gathered.js'
import { canonicalChild, formatPath, refuseForbiddenKey } from './keys.js'
import { depthError, LIMITS } from './limits.js'
import { type RawMap, rawMap, rawScalar } from './raw.js'
import type { LegacyOptions } from './removed.js'
import { unknownOption } from './unknown.js'

export interface EnvSelection {
  readonly env: Readonly<Record<string, string | undefined>>
  /** `BAQUP_`: case-sensitive, as environment names are. */
  readonly prefix: string
  /** Prefixes that are never configuration (`BAQUP_TELEMETRY_`). */
  readonly reserved?: readonly string[] | undefined
}

/** The set variables that are configuration: under the prefix, not reserved, in name order. */
/** The environment variable of an option: `BAQUP_` + `global.checkNewVersion` → `BAQUP_GLOBAL_CHECKNEWVERSION`. */
export function envVarName(prefix: string, path: string): string {
  return `${prefix}${path.replaceAll('.', '_').toUpperCase()}`
}

export function optionEnvNames({ env, prefix, reserved = [] }: EnvSelection): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith(prefix) && name.length > prefix.length && env[name] !== undefined)
    .filter((name) => !reserved.some((skip) => name.startsWith(skip)))
    .sort()
}

interface Resolved {
  readonly segments: Segment[]
  readonly node: SchemaNode
}
interface Failure {
  /** `token` is undefined when the name ended on a group. */
  readonly failure: { segments: Segment[]; pattern: string[]; token: string | undefined; node: SchemaNode }
}

const isGroup = (node: SchemaNode) => node.kind === 'object' || node.kind === 'map' || node.kind === 'list'

/**
 * Tokens (`ENTRYPOINTS`, `WEB`, `SECURE`, `ADDRESS`) against the schema tree. Field names never
 * hold `_`; an entry name may, so it is the shortest run of tokens after which the rest
 * resolves to an option (`web_secure` here, since `web` leaves `SECURE_ADDRESS` unresolved).
 * Entry names and free-map keys are lower-cased, as Baqup reads them.
 */
function resolve(
  tokens: readonly string[],
  index: number,
  node: SchemaNode,
  segments: Segment[],
  pattern: string[],
): Resolved | Failure {
  const token = tokens[index]
  if (token === undefined) {
    return isGroup(node) ? { failure: { segments, pattern, token, node } } : { segments, node }
  }
  if (node.kind === 'map<string,string>' || node.kind === 'map<string,any>') {
    return { segments: [...segments, tokens.slice(index).join('_').toLowerCase()], node }
  }
  if (node.kind === 'list') {
    if (!/^\d+$/.test(token)) return { failure: { segments, pattern, token, node } }
    return resolve(tokens, index + 1, node.item as SchemaNode, [...segments, Number(token)], [...pattern, '*'])
  }
  if (node.kind === 'map') {
    let first: Failure | undefined
    for (let end = index + 1; end <= tokens.length; end++) {
      const name = tokens.slice(index, end).join('_').toLowerCase()
      const result = resolve(tokens, end, node.item as SchemaNode, [...segments, name], [...pattern, '*'])
      if (!('failure' in result)) return result
      first ??= result
    }
    return first as Failure
  }
  const child = canonicalChild(node, token)
  if (!child) return { failure: { segments, pattern, token, node } }
  return resolve(tokens, index + 1, node.children?.get(child) as SchemaNode, [...segments, child], [...pattern, child])
}

function failureError(name: string, { segments, pattern, token, node }: Failure['failure'], legacy?: LegacyOptions) {
  const origin = { source: name }
  if (token === undefined) {
    return new ConfigError({ origin, path: formatPath(segments), problem: 'names a group of options, not one option' })
  }
  if (token === '')
    return new ConfigError({ origin, path: formatPath(segments), problem: 'an empty name between two _' })
  const path = formatPath([...segments, token.toLowerCase()])
  if (node.kind === 'list')
    return new ConfigError({ origin, path, problem: 'a list index (_0_, _1_ …) is expected here' })
  return unknownOption(token, { origin, path, pattern, node }, legacy)
}

/**
 * The configuration variables (see {@link optionEnvNames}) as a raw tree; values are read as text
 * by the schema. A variable that names no option is gathered in `errors` and skipped.
 */
export function envToRaw(
  selection: EnvSelection,
  root: SchemaNode,
  legacy: LegacyOptions | undefined,
  errors: ConfigError[],
): RawMap {
  const assignments: Assignment[] = []
  for (const name of optionEnvNames(selection)) {
    const tokens = name.slice(selection.prefix.length).split('_')
    if (tokens.length > LIMITS.maxDepth) throw depthError(name)
    const safe = gather(
      errors,
      () => tokens.every((token) => refuseForbiddenKey(token, { source: name }, token.toLowerCase()) === undefined),
      false,
    )
    if (!safe) continue
    const result = resolve(tokens, 0, root, [], [])
    if ('failure' in result) {
      errors.push(failureError(name, result.failure, legacy))
      continue
    }
    assignments.push({ segments: result.segments, value: rawScalar(selection.env[name] as string, { source: name }) })
  }
  const origin = { source: 'environment' }
  return gather(errors, () => buildRawTree(assignments, origin), rawMap([], origin))
}
