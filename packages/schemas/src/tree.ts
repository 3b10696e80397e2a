import type * as z from 'zod'

/**
 * How the schema's own tree is walked here (to attach history metadata and to build a release's
 * view), with Zod's public definitions: the layers around an option's shape, and its children.
 */

/** The schema under one wrapper layer (optional, default, prefault, nullable, readonly, a section's preprocess), or undefined. */
export function innerOf(schema: z.ZodType): z.ZodType | undefined {
  const def = schema.def as unknown as { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType }
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'default':
    case 'prefault':
      return def.innerType
    case 'pipe':
      return def.in?.def.type === 'transform' ? def.out : undefined
    default:
      return undefined
  }
}

/** The shape under every wrapper layer. */
export function coreOf(schema: z.ZodType): z.ZodType {
  let current = schema
  for (let inner = innerOf(current); inner; inner = innerOf(current)) current = inner
  return current
}

/** A path from its segments: `entryPoints.<name>.http.tls.domains[].main`. */
export function joinPath(segments: readonly string[]): string {
  return segments.reduce(
    (path, segment) => (segment === '[]' || !path ? `${path}${segment}` : `${path}.${segment}`),
    '',
  )
}

/** A history path's segments: `domains[].main` → `domains`, `[]`, `main`. */
export function splitPath(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]))
}

export const ENTRY = '<name>'
export const ITEM = '[]'

/** The children of an object's shape, a map's value (`<name>`) or a list's item (`[]`). */
export function childrenOf(core: z.ZodType): [string, z.ZodType][] {
  const def = core.def as unknown as {
    type: string
    shape?: Record<string, z.ZodType>
    valueType?: z.ZodType
    element?: z.ZodType
  }
  if (def.type === 'object') return Object.entries(def.shape ?? {})
  if (def.type === 'record' && def.valueType) return [[ENTRY, def.valueType]]
  if (def.type === 'array' && def.element) return [[ITEM, def.element]]
  return []
}
