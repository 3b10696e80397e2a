import { DYNAMIC_ROOT_KEYS, toJSONSchema, walk } from '@baqup/core'
import { writeJSON } from '../print.js'
import { product } from '../product.js'

export function schema(): void {
  writeJSON(
    toJSONSchema(walk(product.schema), {
      id: product.schemaURL,
      title: 'Baqup static configuration',
      // A file may carry dynamic configuration and an editor's $schema beside the static options.
      ignoredRootKeys: DYNAMIC_ROOT_KEYS,
    }),
  )
}
