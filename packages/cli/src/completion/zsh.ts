import { functionPrefix, posixQuoted as q } from './quote.js'
import { caseFunctions, tables, words } from './sh-shared.js'
import type { CompletionSpec, OwnOption } from './spec.js'

/** `_describe` entries: `name:description`, a colon in the name escaped. */
const described = (entries: readonly { name: string; description: string }[]) =>
  `(${entries.map(({ name, description }) => q(`${name.replace(/:/g, '\\:')}:${description}`)).join(' ')})`
const optionEntries = (options: readonly OwnOption[]) =>
  described(options.map((option) => ({ name: option.flag, description: option.description })))

function commandCases(spec: CompletionSpec, f: string): string {
  const commands = spec.commands.map(({ name, description }) => ({ name, description }))
  const top = `    '') opts=${optionEntries(spec.globalOptions)}; args=${described(commands)} ;;`
  const rows = spec.commands.map((command) => {
    const set = [`opts=${optionEntries(command.options)}`]
    if (command.configured) set.push('configured=1')
    if (command.argumentValues.length > 0) {
      set.push(`args=${described(command.argumentValues.map((name) => ({ name, description: name })))}`)
    }
    return `    ${q(command.name)}) ${set.join('; ')} ;;`
  })
  return caseFunctions(spec, f, [top, ...rows])
}

/** A zsh script for fpath (`_program`) or `source`: static tables, nothing runs node on TAB. */
export function zshScript(spec: CompletionSpec): string {
  const f = functionPrefix(spec.program)
  return `#compdef ${spec.program}
# zsh completion for ${spec.program} ${spec.version}, printed by \`${spec.program} completion zsh\`.
# The configuration flags are listed below: print the script again after an upgrade.

# Configuration flags: the segments already written (a regular expression), then the next ones.
${tables(spec, f)}

# Completes the configuration flag being typed (\`--a.b\`, \`--a.b=value\`).
${f}_config() {
  local word=$PREFIX i
  if [[ $word == *=* ]]; then
    local key=\${\${word%%=*}#--}
    for ((i = 1; i <= \${#${f}_values}; i += 3)); do
      [[ $key =~ \${${f}_values[i]} ]] || continue
      compset -P '*='
      case \${${f}_values[i + 1]} in
        files) _files ;;
        list) compset -P '*,'; compadd -- \${=${f}_values[i + 2]} ;;
        *) compadd -- \${=${f}_values[i + 2]} ;;
      esac
      return
    done
    return 1
  fi
  local head=''
  [[ $word == *.* ]] && head=\${\${word#--}%.*}
  for ((i = 1; i <= \${#${f}_nodes}; i += 2)); do
    [[ $head =~ \${${f}_nodes[i]} ]] || continue
    compset -P '*.' || compset -P '--'
    compadd -S '' -- \${=${f}_nodes[i + 1]}
    return
  done
  return 1
}

# Sets opts, args and configured for the command $1 ('' before the command).
${commandCases(spec, f)}

${f}() {
  local word=$PREFIX command='' prev=\${words[CURRENT - 1]} item configured='' REPLY
  local -a opts args  # not options: zsh's own
  for item in \${words[2, CURRENT - 1]}; do
    [[ $item == -* ]] || { command=$item; break }
  done
  ${f}_command "$command" || return 1
  if [[ $word != -* && $prev == --* && $prev != *=* ]] && ${f}_option_values "$prev"; then
    compadd -- \${=REPLY}
  elif [[ $word == --*=* ]] && (( \${opts[(I)\${word%%=*}:*]} )); then
    ${f}_option_values "\${word%%=*}"
    compset -P '*='
    compadd -- \${=REPLY}
  elif [[ $word == -* ]]; then
    [[ $word == *=* ]] || _describe -t options option opts
    [[ -n $configured ]] && ${f}_config
  else
    _describe -t commands argument args
  fi
}

if [[ \${funcstack[1]} == _${spec.program} ]]; then
  ${f} "$@"
else
  compdef ${f} ${spec.program}
fi
`
}
