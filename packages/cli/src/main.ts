import { didYouMean } from '@baqup/core'
import { BAQUP_VERSION } from '@baqup/schemas'
import { cac } from 'cac'
import { jsonRequested, splitArgs } from './args.js'
import { configRoots } from './config-roots.js'
import { configFileArgument, suggestCommand } from './positional.js'
import { EXIT, reportFailure, UsageError } from './print.js'
import { BAQUP_VERSION_ENV, tool } from './tool.js'

const CONFIG_HELP = '[PATH | --configFile=PATH] [CONFIG FLAGS]'
/** The commands that read a configuration, and so take configuration flags. */
const CONFIGURED_COMMANDS = new Set(['inspect', 'send', 'run'])
const CONFIG_FILE_HELP =
  'The configuration file; a path alone says the same ("inspect baqup.yaml"). Without either, the first found of ' +
  '/etc/baqup/baqup, $XDG_CONFIG_HOME/baqup, ~/.config/baqup and ./baqup (each .toml, .yaml or .yml) is read, ' +
  'else the configuration flags, else the BAQUP_* variables'

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
const kebabCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
/** The Baqup version the command speaks for, from its options (cac adds the global ones) and the environment. */
const runningVersion = async (options: { baqupVersion?: unknown }) =>
  (await import('./baqup-version.js')).baqupVersion(options.baqupVersion, process.env)

/** What a command's action is given besides its options: known once the arguments are parsed. */
interface Invocation {
  readonly configFlags: string[]
  /** The Baqup version the command speaks for. */
  version: string
}

/** cac says "Unknown option `--dryRnu`" (camel-cased); name it as typed and add the closest option of the command. */
function withSuggestion(error: unknown, options: readonly { rawName: string }[], typed: readonly string[]): unknown {
  const unknown = error instanceof Error && /^Unknown option `--?([^`]+)`/.exec(error.message)?.[1]
  if (!unknown) return error
  // Each option as it is written (`--dry-run`, `--configFile`), by the camel-cased name cac compares.
  const written = new Map(
    options.flatMap((option) =>
      [...option.rawName.matchAll(/--([\w-]+)/g)].map(([, name = '']) => [camelCase(name), name] as const),
    ),
  )
  const found = didYouMean(unknown, [...written.keys(), 'help'])
  const suggestion = found === undefined ? undefined : `--${written.get(found) ?? kebabCase(found)}`
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : ''
  const asTyped =
    typed.map((arg) => arg.replace(/^--?/, '').split('=', 1)[0] ?? '').find((name) => camelCase(name) === unknown) ??
    unknown
  return new UsageError(`unknown option "--${asTyped}"${hint} (see --help)`, { source: `--${asTyped}`, suggestion })
}

function buildCLI(invocation: Invocation) {
  const { configFlags } = invocation
  const cli = cac('baqup-telemetry')
  cli.option(
    '--baqup-version <version>',
    `The running Baqup version (default: $${BAQUP_VERSION_ENV}, else ${BAQUP_VERSION}): reported in the User-Agent, the payload and check-version, and its release's options are the ones read, listed and sent (2.0 or later; "dev" and later releases read the newest; "dev" skips the version check)`,
  )
  cli
    .command('inspect', `Show exactly what Baqup's telemetry would send, and why — sends nothing`)
    .usage(`inspect ${CONFIG_HELP} [--json [--include-config]] [--format yaml|json|toml] [--explain]`)
    .option('--configFile <path>', CONFIG_FILE_HELP)
    .option('--json', 'Print one JSON object (source, warnings, switches, anonymized copy, hash, payload, requests)')
    .option(
      '--include-config',
      'With --json: add "config", the configuration as loaded, in clear. The output then contains your secrets ' +
        '(passwords, tokens, host names): do not paste it into a bug report',
    )
    .option('--format <format>', 'How to print the anonymized configuration: yaml, json or toml', { default: 'yaml' })
    .option('--explain', 'Print, for every option set, whether it is kept, masked or scrubbed and why')
    .example('  $ baqup-telemetry inspect /etc/baqup/baqup.yaml')
    .example('  $ baqup-telemetry inspect --entryPoints.web.address=:80 --providers.docker --json')
    .action(async (options) =>
      (await import('./commands/inspect.js')).inspect(options, configFlags, invocation.version),
    )
  cli
    .command('flags', 'List every configuration option: flag, kind, default, sent or masked, help')
    .usage('flags [--json | --markdown]')
    .option('--json', 'Print a JSON array of {path, kind, export, default, description}')
    .option('--markdown', 'Print the reference as a Markdown table')
    .example('  $ baqup-telemetry flags | grep providers.docker')
    .example("  $ baqup-telemetry flags --json | jq '.[] | select(.export) | .path'")
    .action(async (options) => (await import('./commands/flags.js')).flags(options, invocation.version))
  cli
    .command('schema', 'Print the JSON Schema (2020-12) of the static configuration, for editors')
    .example('  $ baqup-telemetry schema > baqup.schema.json')
    .example('  # first line of baqup.yaml:  # yaml-language-server: $schema=./baqup.schema.json')
    .action(async () => (await import('./commands/schema.js')).schema(invocation.version))
  cli
    .command('check-version', 'Ask the update server now whether a newer Baqup release exists')
    .usage('check-version [--current=V] [--update-url=URL] [--force] [--json]')
    .option('--current <version>', 'The running version to compare (default: --baqup-version)')
    .option('--update-url <url>', 'Update server (default: $BAQUP_TELEMETRY_UPDATE_URL or https://update.baqup.io/)')
    .option('--force', 'Ask even when DO_NOT_TRACK is set (otherwise nothing is sent, and the exit code is 0)')
    .option(
      '--json',
      'Print the result as one JSON object {checked, reason, message, current, newest, newer, url, releaseUrl}',
    )
    .example('  $ baqup-telemetry check-version')
    .example('  $ baqup-telemetry check-version --current=3.1.0')
    .action(async (options) => (await import('./commands/check-version.js')).checkVersion(options, invocation.version))
  cli
    .command('send', 'Send one usage report now, if the configuration allows it')
    .usage(`send [--dry-run] [--collector-url=URL] [--json] ${CONFIG_HELP}`)
    .option('--configFile <path>', CONFIG_FILE_HELP)
    .option('--dry-run', 'Print the exact request (method, URL, headers, body) and send nothing')
    .option('--collector-url <url>', 'Collector (default: $BAQUP_TELEMETRY_COLLECTOR_URL or https://collect.baqup.io/)')
    .option('--json', 'Print the result as one JSON object {sent, reason, message, url, status, outcome, …}')
    .example('  $ baqup-telemetry send --dry-run --configFile=/etc/baqup/baqup.yaml')
    .example('  $ baqup-telemetry send --global.sendAnonymousUsage=true --entryPoints.web.address=:80')
    .action(async (options) => (await import('./commands/send.js')).send(options, configFlags, invocation.version))
  cli
    .command('run', 'Run the telemetry scheduler in the foreground, as Baqup does, until SIGINT/SIGTERM')
    .usage(`run ${CONFIG_HELP}`)
    .option('--configFile <path>', CONFIG_FILE_HELP)
    .example('  $ baqup-telemetry run --configFile=/etc/baqup/baqup.yaml')
    .example('  $ DO_NOT_TRACK=1 baqup-telemetry run')
    .action(async () => (await import('./commands/run.js')).run(configFlags, invocation.version))
  cli
    .command('history', 'Show the usage reports this installation actually sent, with the answers')
    .option('--json', 'Print the audit trail as JSON')
    .example('  $ baqup-telemetry history')
    .example('  $ BAQUP_TELEMETRY_STATE=/var/lib/baqup/telemetry.json baqup-telemetry history --json')
    .action(async (options) => (await import('./commands/history.js')).history(options))
  cli
    .command('completion [shell]', 'Print the shell completion script of commands, options and configuration flags')
    .usage('completion bash|zsh|fish')
    .example('  $ baqup-telemetry completion bash > ~/.local/share/bash-completion/completions/baqup-telemetry')
    .example('  $ baqup-telemetry completion zsh > ~/.zfunc/_baqup-telemetry')
    .example('  # zsh: with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc')
    .example('  $ baqup-telemetry completion fish > ~/.config/fish/completions/baqup-telemetry.fish')
    .action(async (shell) => (await import('./commands/completion.js')).completion(shell, cli, CONFIGURED_COMMANDS))
  return cli
}

/** Runs the CLI and returns its exit code; the only place that turns errors into text. */
export async function main(argv: readonly string[]): Promise<number> {
  const { own, config } = splitArgs(argv, await configRoots())
  const invocation: Invocation = { configFlags: config, version: '' }
  const cli = buildCLI(invocation)
  // cac leaves a command's own purpose out of its --help: put it under the title.
  cli.help((sections) => {
    const purpose = cli.matchedCommand?.description
    return purpose ? [...sections.slice(0, 1), { body: purpose }, ...sections.slice(1)] : sections
  })
  // This tool's own version: the only place it appears.
  cli.version(tool.version)
  const json = jsonRequested(own)
  try {
    // --color and --no-color are read by consola from process.argv itself: not ours to parse.
    const ours = own.filter((arg) => arg !== '--color' && arg !== '--no-color')
    const parsed = cli.parse(['node', 'baqup-telemetry', ...ours], { run: false })
    const word = parsed.args[0]
    if (!cli.matchedCommand && word !== undefined) {
      const suggestion = suggestCommand(String(word), cli.commands)
      throw new UsageError(
        `unknown command "${word}"${suggestion ? ` — did you mean "${suggestion}"?` : ''} (see baqup-telemetry --help)`,
        { source: String(word), ...(suggestion && { suggestion }) },
      )
    }
    if (!cli.matchedCommand && !parsed.options.help && !parsed.options.version) {
      cli.outputHelp()
      return EXIT.usage
    }
    if (config.length > 0 && !CONFIGURED_COMMANDS.has(cli.matchedCommandName ?? '')) {
      const flag = config[0]?.split('=')[0]
      throw new UsageError(`${cli.matchedCommandName} takes no configuration flags (found ${flag})`, { source: flag })
    }
    if (CONFIGURED_COMMANDS.has(cli.matchedCommandName ?? '')) {
      // `inspect baqup.yaml` reads that file, as `--configFile=baqup.yaml` does; cac never sees the path.
      const file = configFileArgument(cli.matchedCommandName ?? '', parsed.args, config)
      if (file !== undefined) invocation.configFlags.unshift(`--configFile=${file}`)
      cli.args = []
    }
    // cac reads `--config-file` as the `--configFile` it lists in the help; only the configuration's own spelling is read.
    if (parsed.options.configFile !== undefined) {
      const typed = own.find((arg) => camelCase(arg.replace(/^--?/, '').split('=', 1)[0] ?? '') === 'configFile')
      const source = typed?.split('=', 1)[0] ?? '--config-file'
      throw new UsageError(`unknown option "${source}" — did you mean "--configFile"? (see --help)`, {
        source,
        suggestion: '--configFile',
      })
    }
    // Refused on every command, even one that does not use it: a mistake is said where it is made.
    if (cli.matchedCommand) invocation.version = await runningVersion(parsed.options)
    const code = await cli.runMatchedCommand()
    return typeof code === 'number' ? code : EXIT.ok
  } catch (error) {
    const options = [...(cli.matchedCommand?.options ?? []), ...cli.globalCommand.options]
    return reportFailure(withSuggestion(error, options, own), json)
  }
}
