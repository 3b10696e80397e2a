import type { SchemaNode } from '../schema/walk.js'
import { ConfigError, type Origin } from './errors.js'
import { type LegacyOptions, legacyMessage } from './removed.js'
import { didYouMean } from './suggest.js'

/** Where an unknown key was met, in every source: its parent's schema node and path. */
export interface UnknownKeyAt {
  readonly origin: Origin
  /** The path shown, the unknown key included. */
  readonly path: string
  /** The parent's path with entries as `*`, as the legacy table writes it. */
  readonly pattern: readonly string[]
  readonly node: SchemaNode
}

/** A key the schema does not have: an older version's message when it had it, else a did-you-mean. */
export function unknownOption(key: string, at: UnknownKeyAt, legacy: LegacyOptions | undefined): ConfigError {
  const { origin, path } = at
  const removed = legacy && legacyMessage(legacy, at.pattern, key)
  if (removed) return new ConfigError({ code: 'unknown-option', origin, path, problem: removed })
  const suggestion = didYouMean(key, at.node.children?.keys() ?? [])
  return new ConfigError({
    code: 'unknown-option',
    origin,
    path,
    problem: 'unknown option',
    ...(suggestion && { suggestion }),
  })
}
