import { listOptions, type Option, walk } from '@baqup/core'

/** Written in by the bundle's build (build.mjs): the option list, as JSON. */
declare const __BAQUP_OPTIONS_JSON__: string | undefined

/**
 * Every configuration option, as the core lists them from the schema. The bundle has the list
 * from its build, so that `flags` and `completion` never build the schema.
 */
export async function optionList(): Promise<readonly Option[]> {
  if (typeof __BAQUP_OPTIONS_JSON__ === 'string') return JSON.parse(__BAQUP_OPTIONS_JSON__) as Option[]
  return listOptions(walk((await import('./product.js')).product.schema))
}
