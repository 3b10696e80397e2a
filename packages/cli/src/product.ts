import { BAQUP_PRODUCT } from '@baqup/core'

/**
 * Everything Baqup-specific the generic core is given: its names and endpoints. The schema (and
 * the removed options' messages) is the running release's view: `releaseView(version)`.
 */
export const product = {
  ...BAQUP_PRODUCT,
  /** Files are `baqup.yaml`, …; the state folder is `baqup`. */
  fileName: 'baqup',
  reservedEnvPrefixes: ['BAQUP_TELEMETRY_'],
  schemaURL: 'https://doc.baqup.io/baqup/static-configuration.schema.json',
} as const
