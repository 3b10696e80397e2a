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

/**
 * The safety net after normalization: the whole object through the schema, defaults applied.
 * A Zod issue is reported at the source location of the value it is about.
 */
export function validateConfig(
  schema: z.ZodType,
  normalized: Normalization,
  fallback: Origin,
): Record<string, unknown> {
  const result = schema.safeParse(normalized.config)
  if (result.success) return result.data as Record<string, unknown>
  const [issue] = result.error.issues as [z.core.$ZodIssue]
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))
  throw new ConfigError({
    code: 'invalid-value',
    origin: nearestOrigin(normalized.origins, issue.path, fallback),
    path: formatPath(path),
    // Zod's own message may quote the input: only where normalization saw an exported value.
    problem: normalized.exported.has(pathKey(issue.path)) ? issue.message : `invalid value (${issue.code})`,
  })
}
