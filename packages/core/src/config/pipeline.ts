import type * as z from 'zod'
import { type SchemaNode, walk } from '../schema/walk.js'
import type { ConfigError, Origin } from './errors.js'
import { throwGathered } from './gathered.js'
import { normalize } from './normalize.js'
import { type RawMap, rawMap } from './raw.js'
import { type LegacyOptions, refuseV1 } from './removed.js'
import { validateConfig } from './validate.js'

/** How every source becomes a configuration: normalized against the schema's tree, then validated. */

/** Root keys of dynamic configuration (and an editor's `$schema`) that a static file may carry. */
export const DYNAMIC_ROOT_KEYS = ['http', 'tcp', 'udp', 'tls', '$schema'] as const

export interface Pipeline {
  readonly schema: z.ZodType
  readonly root: SchemaNode
  readonly legacy: LegacyOptions | undefined
  readonly ignoredRootKeys: readonly string[]
}

export function pipelineOf(
  schema: z.ZodType,
  options: { legacy?: LegacyOptions | false; ignoredRootKeys?: readonly string[] },
): Pipeline {
  return {
    schema,
    root: walk(schema),
    legacy: options.legacy || undefined,
    ignoredRootKeys: options.ignoredRootKeys ?? DYNAMIC_ROOT_KEYS,
  }
}

/** What reading one source gave before normalization: the raw tree and the mistakes already met. */
export interface Read {
  readonly raw: RawMap | undefined
  readonly errors?: readonly ConfigError[]
  /** Flags and variables in the order given, for sorting their mistakes; a file's have lines. */
  readonly order?: readonly string[]
  /** Root keys are skipped in files only: flags and variables have no dynamic configuration to carry. */
  readonly ignoredRootKeys?: readonly string[]
}

/** Normalizes and validates, then throws every mistake of the source at once, in source order. */
export function finish({ raw, errors = [], order, ignoredRootKeys = [] }: Read, pipeline: Pipeline, origin: Origin) {
  const normalized = normalize(raw ?? rawMap([], origin), pipeline.root, { legacy: pipeline.legacy, ignoredRootKeys })
  const validation = validateConfig(pipeline.schema, normalized, origin)
  throwGathered([...errors, ...normalized.errors, ...validation.errors], order)
  return { config: normalized.config, effective: validation.effective as Record<string, unknown> }
}

export function fileConfig(raw: RawMap | undefined, pipeline: Pipeline, source: string) {
  if (raw && pipeline.legacy) refuseV1(pipeline.legacy, raw)
  return finish({ raw, ignoredRootKeys: pipeline.ignoredRootKeys }, pipeline, { source })
}
