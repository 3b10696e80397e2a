import { BAQUP_PRODUCT } from '@baqup/core'
import { legacyOptions, staticConfigSchema } from '@baqup/schemas'

/** Everything Baqup-specific the generic core is given: its names and endpoints, and the schema. */
export const product = {
  ...BAQUP_PRODUCT,
  /** Files are `baqup.yaml`, …; the state folder is `baqup`. */
  fileName: 'baqup',
  schema: staticConfigSchema,
  /** Options removed in v3 and v1 files: their messages say what replaced them. */
  legacy: legacyOptions,
  reservedEnvPrefixes: ['BAQUP_TELEMETRY_'],
  schemaURL: 'https://doc.baqup.io/baqup/static-configuration.schema.json',
} as const
