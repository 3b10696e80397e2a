/** A word in single quotes for bash and zsh: a quote inside becomes `'\''`. */
export const posixQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/** A word in single quotes for fish, where a backslash and a quote are escaped inside them. */
export const fishQuoted = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`

/** The prefix of the script's function names: `baqup-telemetry` → `_baqup_telemetry`. */
export const functionPrefix = (program: string) => `_${program.replace(/[^A-Za-z0-9]/g, '_')}`
