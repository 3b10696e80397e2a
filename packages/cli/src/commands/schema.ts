import { toJSONSchema, walk } from '@baqup/core'
import { writeJSON } from '../print.js'
import { product } from '../product.js'

export function schema(): void {
  writeJSON(toJSONSchema(walk(product.schema), { id: product.schemaURL, title: 'Baqup static configuration' }))
}
