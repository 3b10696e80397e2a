import { staticConfigSchema } from '@baqup/schemas'

declare const __BAQUP_VERSION__: string
declare const __BAQUP_BUILD_DATE__: string

/** Everything Baqup-specific the generic core is given. */
export const product = {
  name: 'baqup',
  schema: staticConfigSchema,
  version: typeof __BAQUP_VERSION__ === 'string' ? __BAQUP_VERSION__ : 'dev',
  codename: 'cheddar',
  buildDate: typeof __BAQUP_BUILD_DATE__ === 'string' ? __BAQUP_BUILD_DATE__ : 'unknown',
  envPrefix: 'BAQUP_',
  reservedEnvPrefixes: ['BAQUP_TELEMETRY_'],
  updateURL: 'https://update.baqup.io/',
  collectorURL: 'https://collect.baqup.io/',
  docsURL: 'https://doc.baqup.io/baqup/contributing/data-collection/',
  schemaURL: 'https://doc.baqup.io/baqup/static-configuration.schema.json',
} as const
