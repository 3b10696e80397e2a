/**
 * The closed set of configuration error codes, stable for scripts: what kind of fix the
 * operator has to make. Printed by the CLI's `--json` errors; documented in the README.
 */
export const CONFIG_ERROR_CODES = {
  'unknown-option': 'a key, flag or environment variable that names no option (a removed one says what replaced it)',
  'invalid-value': 'a value of the wrong type, or not one of the allowed values',
  'parse-error': 'a file that is not valid YAML or TOML, or not one mapping of options',
  'file-error': 'a configuration file that cannot be read: missing, not a regular file, denied, too large, not text',
  'invalid-configuration': 'anything else: an option set twice, a list index with gaps, a malformed flag…',
} as const

export type ConfigErrorCode = keyof typeof CONFIG_ERROR_CODES

/**
 * The code of an error that does not name one, from what it says: a found value is a wrong
 * value; a place in a file at no option is the file's syntax or shape.
 */
export function inferredCode(details: {
  readonly origin: { readonly line?: number }
  readonly path?: string
  readonly expected?: string
  readonly found?: string
}): ConfigErrorCode {
  if (details.expected !== undefined || details.found !== undefined) return 'invalid-value'
  if (details.origin.line !== undefined && details.path === undefined) return 'parse-error'
  return 'invalid-configuration'
}
