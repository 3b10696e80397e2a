import { DYNAMIC_ROOT_KEYS, toJSONSchema, walk } from '@baqup/core'
import { writeJSON } from '../print.js'
import { product } from '../product.js'
import { releaseView } from '../release-view.js'

/** The JSON Schema of the static configuration of the release `version` belongs to. */
export function schema(version: string): void {
  writeJSON(
    toJSONSchema(walk(releaseView(version).zod), {
      id: product.schemaURL,
      title: 'Baqup static configuration',
      // A file may carry dynamic configuration and an editor's $schema beside the static options.
      ignoredRootKeys: DYNAMIC_ROOT_KEYS,
    }),
  )
}
