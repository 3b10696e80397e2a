import type { SchemaNode } from '../schema/walk.js'
import { type Assignment, buildRawTree, type Segment } from './assign.js'
import { ConfigError, type Origin } from './errors.js'
import { gather } from './gathered.js'
import { canonicalChild, formatPath, refuseForbiddenKey } from './keys.js'
import { depthError, LIMITS } from './limits.js'
import { type RawMap, rawMap, rawScalar } from './raw.js'
import type { LegacyOptions } from './removed.js'
import { unknownOption } from './unknown.js'

const CONFIG_FILE = 'configfile'
/** `domains[0][1]` → the name and its indices; a name holds no `[`, which keeps the match linear. */
const SEGMENT = /^([^[]*)((?:\[\d+\])*)$/

/** Splits `--configFile=PATH` / `--configFile PATH` (any case) from the configuration flags. */
export function extractConfigFile(argv: readonly string[]): { configFile?: string; configArgs: string[] } {
  const configArgs: string[] = []
  let configFile: string | undefined
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string
    const [name = '', ...value] = arg.slice(2).split('=')
    if (!arg.startsWith('--') || name.toLowerCase() !== CONFIG_FILE) {
      configArgs.push(arg)
      continue
    }
    const next = argv[index + 1]
    const path = value.length ? value.join('=') : next !== undefined && !next.startsWith('--') ? next : undefined
    if (!value.length && path !== undefined) index++
    if (!path)
      throw new ConfigError({
        origin: { source: `--${name}` },
        problem: 'needs a file path',
        expected: '--configFile=PATH',
      })
    configFile = path
  }
  return configFile === undefined ? { configArgs } : { configFile, configArgs }
}

/** The names of the flags among arguments (never their values), for "ignored" warnings. */
export function flagNames(args: readonly string[]): string[] {
  const names = args.filter((arg) => arg.startsWith('--') && arg.length > 2).map((arg) => arg.split('=')[0] as string)
  return [...new Set(names)]
}

interface Resolved {
  readonly segments: Segment[]
  readonly node: SchemaNode
}

/** `entryPoints.web.http.tls.domains[0].main` → canonical segments and the option's schema node. */
function resolveFlag(name: string, root: SchemaNode, origin: Origin, legacy?: LegacyOptions): Resolved {
  const parts = name.split('.')
  if (parts.length > LIMITS.maxDepth) throw depthError(origin.source)
  const segments: Segment[] = []
  const pattern: string[] = []
  let node = root
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string
    // A `[` that does not open indices belongs to the name, which the schema then refuses by name.
    const [, key = part, indices = ''] = SEGMENT.exec(part) ?? []
    refuseForbiddenKey(key, origin, formatPath([...segments, key]))
    if (node.kind === 'map<string,string>') return { segments: [...segments, parts.slice(index).join('.')], node }
    if (node.kind === 'map<string,any>') return { segments: [...segments, ...parts.slice(index)], node }
    if (key === '') throw new ConfigError({ origin, problem: 'an empty name between dots' })
    if (node.kind === 'map') {
      segments.push(key)
      pattern.push('*')
      node = node.item as SchemaNode
    } else {
      const child = canonicalChild(node, key)
      if (!child) throw unknownOption(key, { origin, path: formatPath([...segments, key]), pattern, node }, legacy)
      segments.push(child)
      pattern.push(child)
      node = node.children?.get(child) as SchemaNode
    }
    for (const [, digits] of indices.matchAll(/\[(\d+)\]/g)) {
      if (node.kind !== 'list') {
        throw new ConfigError({
          origin,
          path: formatPath(segments),
          problem: 'not a list of mappings: [index] does not apply',
        })
      }
      segments.push(Number(digits))
      pattern.push('*')
      node = node.item as SchemaNode
    }
  }
  return { segments, node }
}

/** `--no-api.insecure`: there are no negated flags; say what to write instead. */
function negated(name: string, root: SchemaNode, origin: Origin): ConfigError | undefined {
  if (!/^no-/i.test(name)) return undefined
  try {
    const { node } = resolveFlag(name.slice(3), root, origin)
    if (node.kind !== 'bool' && node.kind !== 'section') return undefined
    return new ConfigError({ origin, problem: 'negated flags do not exist', suggestion: `--${name.slice(3)}=false` })
  } catch {
    return undefined
  }
}

const takesNoValue = (node: SchemaNode) => node.kind === 'bool' || node.kind === 'section'

/**
 * Configuration flags as a raw tree: `--a.b=value`, `--a.b value`, a bare boolean or section
 * (`--api.insecure`, `--providers.docker`) meaning true, map entries keeping their case,
 * `[n]` indices into lists of mappings. An unknown flag is refused with a did-you-mean; every
 * mistake is gathered in `errors` and the flag skipped, so that one run says them all.
 */
export function flagsToRaw(
  args: readonly string[],
  root: SchemaNode,
  legacy: LegacyOptions | undefined,
  errors: ConfigError[],
): RawMap {
  const assignments: Assignment[] = []
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string
    if (!arg.startsWith('--') || arg === '--') {
      errors.push(
        new ConfigError({
          origin: { source: flagSource(args, index) },
          problem: 'not a configuration flag (flags are written --name=value)',
        }),
      )
      continue
    }
    const equals = arg.indexOf('=')
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals)
    const origin = { source: `--${name}` }
    let resolved: Resolved
    try {
      resolved = resolveFlag(name, root, origin, legacy)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      errors.push(negated(name, root, origin) ?? error)
      continue
    }
    let text = equals === -1 ? undefined : arg.slice(equals + 1)
    if (text === undefined && takesNoValue(resolved.node)) text = 'true'
    if (text === undefined) {
      const next = args[index + 1]
      if (next === undefined || next.startsWith('--')) {
        errors.push(new ConfigError({ origin, problem: 'needs a value', expected: `--${name}=VALUE` }))
        continue
      }
      text = next
      index++
    }
    assignments.push({ segments: resolved.segments, value: rawScalar(text, origin) })
  }
  const origin = { source: 'command-line flags' }
  return gather(errors, () => buildRawTree(assignments, origin), rawMap([], origin))
}

/** How a mistake names an argument: `--name` for a flag, `argument 3` for anything else. */
export function flagSource(args: readonly string[], index: number): string {
  const arg = args[index] as string
  if (!arg.startsWith('--') || arg === '--') return `argument ${index + 1}`
  const equals = arg.indexOf('=')
  return equals === -1 ? arg : arg.slice(0, equals)
}
