import type { Option } from '@baqup/core'
import type { CAC } from 'cac'
import { FORMATS } from '../format.js'
import { tool } from '../tool.js'
import { type ConfigTable, configTable } from './config-table.js'

/** What every shell script completes, read from the CLI's own definition and the schema. */
export interface OwnOption {
  /** `--json`: the long name, as typed. */
  readonly flag: string
  readonly description: string
  readonly takesValue: boolean
  /** The closed set of values, when there is one. */
  readonly values?: readonly string[]
}

export interface CommandSpec {
  readonly name: string
  readonly description: string
  readonly options: readonly OwnOption[]
  /** The command reads a configuration, and so takes configuration flags. */
  readonly configured: boolean
  /** Values of its positional argument, when they form a closed set. */
  readonly argumentValues: readonly string[]
}

export interface CompletionSpec {
  readonly program: string
  readonly version: string
  readonly globalOptions: readonly OwnOption[]
  readonly commands: readonly CommandSpec[]
  readonly config: ConfigTable
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

/** The closed sets of the CLI's own options (cac knows only that they take a value). */
const OWN_OPTION_VALUES: Readonly<Record<string, readonly string[]>> = { format: FORMATS }
/** Closed sets of commands' positional arguments. */
const ARGUMENT_VALUES: Readonly<Record<string, readonly string[]>> = { completion: SHELLS }

type CacOption = CAC['globalCommand']['options'][number]

function ownOption(option: CacOption): OwnOption {
  const takesValue = /[<[]/.test(option.rawName)
  const values = OWN_OPTION_VALUES[option.name]
  // As written in the definition (`--update-url <url>`): cac's own names are camel-cased.
  const flag = /--[A-Za-z0-9-]+/.exec(option.rawName)?.[0] ?? `--${option.name}`
  return { flag, description: option.description.trim(), takesValue, ...(values ? { values } : {}) }
}

export function completionSpec(
  cli: CAC,
  configuredCommands: ReadonlySet<string>,
  options: readonly Option[],
): CompletionSpec {
  const globalOptions = cli.globalCommand.options.map(ownOption)
  return {
    program: cli.name,
    version: tool.version,
    globalOptions,
    commands: cli.commands.map((command) => ({
      name: command.name,
      description: command.description,
      // `--configFile` is listed in the help beside the own options, but completed with the configuration flags (a file).
      options: [...command.options.filter((option) => option.name !== 'configFile').map(ownOption), ...globalOptions],
      configured: configuredCommands.has(command.name),
      argumentValues: ARGUMENT_VALUES[command.name] ?? [],
    })),
    config: configTable(options, [{ path: 'configFile', mode: 'files' }]),
  }
}

/** Every own option that takes a value, once, with its closed set if any (`--format` → yaml json toml). */
export function valueOptions(commands: readonly CommandSpec[]): Map<string, readonly string[]> {
  const found = new Map<string, readonly string[]>()
  for (const option of commands.flatMap((command) => command.options)) {
    if (option.takesValue && !found.has(option.flag)) found.set(option.flag, option.values ?? [])
  }
  return found
}
