import { listOptions, type Option, walk } from '@baqup/core'

/** Written in by the bundle's build (build.mjs): the option list, as JSON. */
declare const __BAQUP_OPTIONS_JSON__: string | undefined

/**
 * Every configuration option of the release `version` belongs to (the newest without one), as the
 * core lists them from its schema. The bundle has the newest list from its build, so that `flags`
 * and `completion` never build the newest schema.
 */
export async function optionList(version?: string): Promise<readonly Option[]> {
  const { releaseOf, releaseView } = await import('./release-view.js')
  const { NEWEST_RELEASE } = await import('@baqup/schemas')
  const newest = version === undefined || releaseOf(version) === NEWEST_RELEASE
  if (newest && typeof __BAQUP_OPTIONS_JSON__ === 'string') return JSON.parse(__BAQUP_OPTIONS_JSON__) as Option[]
  return listOptions(walk(releaseView(version ?? 'dev').zod))
}
