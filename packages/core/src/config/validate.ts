import type * as z from 'zod'
import { ConfigError, type Origin } from './errors.js'
import { formatPath, pathKey } from './keys.js'
import type { Normalization } from './normalize.js'

function nearestOrigin(origins: ReadonlyMap<string, Origin>, path: readonly PropertyKey[], fallback: Origin): Origin {
  for (let length = path.length; length >= 0; length--) {
    const origin = origins.get(pathKey(path.slice(0, length)))
    if (origin) return origin
  }
  return fallback
}

/** Whether `path` is `other` or lies inside it (`a.b[0]` inside `a.b`), or the reverse. */
function overlaps(path: string, other: string): boolean {
  const [short, long] = path.length <= other.length ? [path, other] : [other, path]
  return long === short || long.startsWith(`${short}.`) || long.startsWith(`${short}[`)
}

export interface Validation {
  /** The configuration through the schema, defaults applied; undefined when it did not validate. */
  readonly effective: Record<string, unknown> | undefined
  /** One per Zod issue, at the source location of the value it is about. */
  readonly errors: readonly ConfigError[]
}

/**
 * The safety net after normalization: the whole object through the schema, defaults applied.
 * An issue about a value normalization already refused (and left out) is not said twice.
 */
export function validateConfig(schema: z.ZodType, normalized: Normalization, fallback: Origin): Validation {
  // Zod's compiled object parsers cost more to compile than they save on one parse per process.
  const result = schema.safeParse(normalized.config, { jitless: true })
  if (result.success) return { effective: result.data as Record<string, unknown>, errors: [] }
  const refused = normalized.errors.flatMap((error) => (error.path === undefined ? [] : [error.path]))
  const errors = result.error.issues.flatMap((issue) => {
    const path = formatPath(issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))))
    if (refused.some((other) => overlaps(path, other))) return []
    const error = new ConfigError({
      code: 'invalid-value',
      origin: nearestOrigin(normalized.origins, issue.path, fallback),
      path,
      // Zod's own message may quote the input: only where normalization saw an exported value.
      problem: normalized.exported.has(pathKey(issue.path)) ? issue.message : `invalid value (${issue.code})`,
    })
    return [error]
  })
  return { effective: undefined, errors }
}
