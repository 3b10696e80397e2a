import { functionPrefix, fishQuoted as q } from './quote.js'
import type { CommandSpec, CompletionSpec, OwnOption } from './spec.js'

const words = (list: readonly string[]) => q(list.join(' '))

function optionLine(program: string, condition: string, option: OwnOption): string {
  const value = option.takesValue ? ` -x${option.values ? ` -a ${words(option.values)}` : ''}` : ''
  return `complete -c ${program} -n ${q(condition)} -l ${option.flag.slice(2)}${value} -d ${q(option.description)}`
}

function commandLines(spec: CompletionSpec, command: CommandSpec): string[] {
  const when = `__fish_seen_subcommand_from ${command.name}`
  const lines = command.options.map((option) => optionLine(spec.program, when, option))
  if (command.argumentValues.length > 0)
    lines.push(`complete -c ${spec.program} -n ${q(when)} -a ${words(command.argumentValues)}`)
  return lines
}

/** A fish script: native `complete` rules, and one function for the configuration flags. */
export function fishScript(spec: CompletionSpec): string {
  const f = `_${functionPrefix(spec.program)}`
  const p = spec.program
  const nodes = spec.config.nodes.map((node) => `    ${q(node.pattern)} ${words(node.next)}`)
  const values = spec.config.values.map((row) => `    ${q(row.pattern)} ${row.mode} ${words(row.values)}`)
  const configured = spec.commands.filter((command) => command.configured).map((command) => command.name)
  return `# fish completion for ${p} ${spec.version}, printed by \`${p} completion fish\`.
# The configuration flags are listed below: print the script again after an upgrade.

# Configuration flags: the segments already written (a regular expression), then the next ones.
set -g ${f}_nodes \\
${nodes.join(' \\\n')}
set -g ${f}_values \\
${values.join(' \\\n')}

function ${f}_config --description 'The completions of the configuration flag being typed'
    set -l word (commandline -ct)
    if string match -q -- '*=*' $word
        set -l key (string split -m 1 = -- $word)[1]
        set -l value (string split -m 1 = -- $word)[2]
        for i in (seq 1 3 (count $${f}_values))
            string match -qr -- $${f}_values[$i] (string replace -r '^--' '' -- $key); or continue
            set -l mode $${f}_values[(math $i + 1)]
            if test $mode = files
                for file in (__fish_complete_path $value)
                    echo $key=$file
                end
                return
            end
            set -l written ''
            test $mode = list; and set written (string match -r -- '^.*,' $value)
            for item in (string split ' ' -- $${f}_values[(math $i + 2)])
                echo $key=$written$item
            end
            return
        end
        return
    end
    set -l head (string replace -r '^--' '' -- $word | string replace -r '\\.?[^.]*$' '')
    set -l base --
    test -n "$head"; and set base --$head.
    for i in (seq 1 2 (count $${f}_nodes))
        if string match -qr -- $${f}_nodes[$i] "$head"
            for next in (string split ' ' -- $${f}_nodes[(math $i + 1)])
                echo $base$next
            end
            return
        end
    end
end

complete -c ${p} -f
${spec.commands.map((command) => `complete -c ${p} -n __fish_use_subcommand -a ${command.name} -d ${q(command.description)}`).join('\n')}
${spec.globalOptions.map((option) => optionLine(p, '__fish_use_subcommand', option)).join('\n')}
${spec.commands.flatMap((command) => commandLines(spec, command)).join('\n')}
complete -c ${p} -n ${q(`__fish_seen_subcommand_from ${configured.join(' ')}`)} -a '(${f}_config)'
`
}
