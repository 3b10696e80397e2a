import { didYouMean } from '@baqup/core'
import { UsageError } from './print.js'

/** `--configFile`, `--configFile=PATH`, `--configfile …`: the flag that names the file, in any case. */
const isConfigFileFlag = (arg: string) => /^--?configfile(=|$)/i.test(arg)

/**
 * The configuration file a command was given as a path alone (`inspect examples/baqup.yaml`),
 * or undefined. One path at most, and not beside `--configFile`: two names for one file is a
 * usage error, never a silent choice.
 */
export function configFileArgument(
  command: string,
  positional: readonly unknown[],
  configFlags: readonly string[],
): string | undefined {
  const paths = positional.map(String)
  if (paths.length === 0) return undefined
  if (paths.length > 1) {
    throw new UsageError(
      `${command} reads one configuration file, found ${paths.length} paths (${paths.join(', ')}): give one`,
      { source: paths[1] },
    )
  }
  const path = paths[0] as string
  const flag = configFlags.find(isConfigFileFlag)
  if (flag !== undefined) {
    throw new UsageError(
      `${command}: the path ${path} and ${flag.split('=', 1)[0]} both name the configuration file: give one`,
      { source: path },
    )
  }
  return path
}

interface CommandLike {
  readonly name: string
  readonly options: readonly { readonly rawName: string }[]
}

const CONFIG_FILE_EXTENSION = /\.(ya?ml|toml)$/i

/**
 * What an unknown command was probably meant to be: a command (`inspetc` → `inspect`), an option
 * of one command typed as a command (`explain` → `inspect --explain`; options that several
 * commands share, such as `--json`, say nothing), or a configuration file (`baqup.yaml` →
 * `inspect baqup.yaml`).
 */
export function suggestCommand(word: string, commands: readonly CommandLike[]): string | undefined {
  if (CONFIG_FILE_EXTENSION.test(word)) return `inspect ${word}`
  const owners = new Map<string, string[]>()
  for (const command of commands) {
    for (const option of command.options) {
      for (const [, name = ''] of option.rawName.matchAll(/--([\w-]+)/g)) {
        owners.set(name, [...(owners.get(name) ?? []), command.name])
      }
    }
  }
  const suggestions = new Map(commands.filter((command) => command.name).map((command) => [command.name, command.name]))
  for (const [option, names] of owners) {
    if (names.length === 1 && !suggestions.has(option)) suggestions.set(option, `${names[0]} --${option}`)
  }
  const found = didYouMean(word.replace(/^-+/, ''), suggestions.keys())
  return found === undefined ? undefined : suggestions.get(found)
}
