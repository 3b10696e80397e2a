import type * as z from 'zod'
import { absentOptions } from './absent.js'
import type { MinorRelease } from './history.js'
import type { LegacyOptions } from './legacy.js'
import { project } from './project.js'
import { minorRelease, NEWEST_RELEASE } from './release.js'
import { removedTree } from './removed-options.js'
import { staticConfigSchema } from './static-config.js'

/** The root schema of one release (or of every release): an object of options. */
export type ReleaseSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>

/**
 * The static configuration of one Baqup release: what every part takes (loading, flags,
 * anonymizing, hashing, the payload, the docs, the collector's check).
 */
export interface SchemaView {
  /** The minor release: `'2.11'`. */
  readonly version: MinorRelease
  /** Its options, with that release's export flags, and each option's history as metadata. */
  readonly zod: ReleaseSchema
  /**
   * What the loader says of an option the release does not have: `added in 3.5`, `removed in
   * 3.0`, the migration hints of options removed before it, v1 files (`loadConfig({ legacy })`).
   */
  readonly legacy: LegacyOptions
}

const views = new Map<MinorRelease, SchemaView>()
let everyRelease: ReleaseSchema | undefined

/**
 * Every option of every release from 2.0 to the newest, each with `since`/`until` and its export
 * flags per range as metadata (the newest flag on the schema itself): where the loader learns
 * when an option came or went, and the docs list the removed ones. Built on first use.
 */
export function allReleasesSchema(): ReleaseSchema {
  everyRelease ??= project(staticConfigSchema, {
    segments: [],
    parentExported: true,
    removed: removedTree,
    release: undefined,
  }) as ReleaseSchema
  return everyRelease
}

/**
 * The view of the release a Baqup version belongs to (`2.11.3` → 2.11), built once per minor
 * release. `dev`, and a version newer than the newest release described, get the newest view;
 * the newest view's schema is `staticConfigSchema` itself. Throws a RangeError for a version
 * older than 2.0 or one that does not parse.
 */
export function schemaFor(version: string): SchemaView {
  const release = minorRelease(version)
  let view = views.get(release)
  if (!view) {
    const zod =
      release === NEWEST_RELEASE
        ? staticConfigSchema
        : (project(staticConfigSchema, {
            segments: [],
            parentExported: true,
            removed: removedTree,
            release,
          }) as ReleaseSchema)
    view = { version: release, zod, legacy: absentOptions(release) }
    views.set(release, view)
  }
  return view
}
