import type { z } from 'zod'
import type { SchemaNode } from '../schema/walk.js'
import { ConfigError, type Origin } from './errors.js'
import { formatPath } from './keys.js'
import { originKey } from './normalize.js'

/** Whether the value at a config path may be shown: every field on the way carries the export marker. */
function exportedAt(root: SchemaNode, path: readonly PropertyKey[]): boolean {
  let node: SchemaNode | undefined = root
  let exported = root.export
  for (const segment of path) {
    if (!node) break
    const child: SchemaNode | undefined = node.children ? node.children.get(String(segment)) : node.item
    exported &&= child?.export ?? false
    node = child
  }
  return exported
}

function nearestOrigin(origins: ReadonlyMap<string, Origin>, path: readonly PropertyKey[], fallback: Origin): Origin {
  for (let length = path.length; length >= 0; length--) {
    const origin = origins.get(originKey(path.slice(0, length)))
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
  root: SchemaNode,
  config: Record<string, unknown>,
  origins: ReadonlyMap<string, Origin>,
  fallback: Origin,
): Record<string, unknown> {
  const result = schema.safeParse(config)
  if (result.success) return result.data as Record<string, unknown>
  const [issue] = result.error.issues as [z.core.$ZodIssue]
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))
  throw new ConfigError({
    origin: nearestOrigin(origins, issue.path, fallback),
    path: formatPath(path),
    // Zod's own message may quote the input: only where the option is exported.
    problem: exportedAt(root, issue.path) ? issue.message : `invalid value (${issue.code})`,
  })
}
