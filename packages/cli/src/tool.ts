declare const __BAQUP_VERSION__: string
declare const __BAQUP_BUILD_DATE__: string

/**
 * What the CLI knows of itself without the schema: `--version`, `--help` and the usage report's
 * build fields read it, and the schema is not loaded for them.
 */
export const tool = {
  /** This tool's own version, shown by `--version` only: telemetry speaks for the Baqup version (baqup-version.ts). */
  version: typeof __BAQUP_VERSION__ === 'string' ? __BAQUP_VERSION__ : 'dev',
  codename: 'cheddar',
  buildDate: typeof __BAQUP_BUILD_DATE__ === 'string' ? __BAQUP_BUILD_DATE__ : 'unknown',
} as const

/** The variable that names the Baqup version telemetry speaks for. */
export const BAQUP_VERSION_ENV = 'BAQUP_TELEMETRY_BAQUP_VERSION'
