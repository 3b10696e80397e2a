/**
 * Splits raw arguments into the CLI's own (kebab-case, parsed by cac) and the configuration
 * flags (`--a.b.c=value`, read by the core's own parser so that `007` stays `007`).
 */
export interface SplitArgs {
  own: string[]
  config: string[]
}

function flagName(arg: string): string {
  return arg.replace(/^--?/, '').split('=', 1)[0] as string
}

/**
 * A configuration flag starts with a root option name (any case), is `--configFile`, or is a
 * dotted path (`--entryPoint.web.address`: a misspelled option, which the loader then names).
 * A negated root (`--no-global`) is one too: cac would read it as its own option, and the
 * loader reads it as an opt-out or refuses it.
 */
export function isConfigFlag(arg: string, roots: ReadonlySet<string>): boolean {
  if (!arg.startsWith('--')) return false
  const name = flagName(arg)
  const first = name.split(/[.[]/, 1)[0]?.toLowerCase() ?? ''
  return first === 'configfile' || roots.has(first) || roots.has(first.replace(/^no-/, '')) || /[.[]/.test(name)
}

export function splitArgs(argv: readonly string[], roots: ReadonlySet<string>): SplitArgs {
  const own: string[] = []
  const config: string[] = []
  let target = own
  for (const arg of argv) {
    if (arg.startsWith('-')) target = isConfigFlag(arg, roots) ? config : own
    target.push(arg)
  }
  return { own, config }
}

/**
 * Whether the operator asked for JSON, read from the raw arguments: an error met before (or
 * while) cac parses them is JSON too.
 */
export function jsonRequested(own: readonly string[]): boolean {
  return own.some((arg) => arg === '--json' || (arg.startsWith('--json=') && arg !== '--json=false'))
}
