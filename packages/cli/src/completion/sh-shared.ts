import { posixQuoted as q } from './quote.js'
import { type CompletionSpec, valueOptions } from './spec.js'

/** What bash and zsh scripts share: the same `case` functions and tables, in the same syntax. */

export const words = (list: readonly string[]) => q(list.join(' '))

/** `<f>_command` (what a command completes, from its `case` rows) and `<f>_option_values`. */
export function caseFunctions(spec: CompletionSpec, f: string, commandRows: readonly string[]): string {
  const values = [...valueOptions(spec.commands)].map(([flag, list]) => `    ${q(flag)}) REPLY=${words(list)} ;;`)
  return `${f}_command() {
  case $1 in
${commandRows.join('\n')}
    *) return 1 ;;
  esac
}

# The values of an own option that takes one (REPLY), or failure when it takes none.
${f}_option_values() {
  case $1 in
${values.join('\n')}
    *) return 1 ;;
  esac
}`
}

/** The configuration flags as two arrays: the segments that may follow a pattern, and the values of a pattern. */
export function tables(spec: CompletionSpec, f: string): string {
  const nodes = spec.config.nodes.map((node) => `  ${q(node.pattern)} ${words(node.next)}`)
  const values = spec.config.values.map((row) => `  ${q(row.pattern)} ${row.mode} ${words(row.values)}`)
  return `${f}_nodes=(\n${nodes.join('\n')}\n)\n${f}_values=(\n${values.join('\n')}\n)`
}
