import { functionPrefix, posixQuoted as q } from './quote.js'
import { caseFunctions, tables, words } from './sh-shared.js'
import type { CompletionSpec } from './spec.js'

function commandCases(spec: CompletionSpec, f: string): string {
  const top = `    '') options=${words(spec.globalOptions.map((o) => o.flag))}; arguments=${words(spec.commands.map((c) => c.name))} ;;`
  const rows = spec.commands.map((command) => {
    const set = [`options=${words(command.options.map((o) => o.flag))}`]
    if (command.configured) set.push('configured=1')
    if (command.argumentValues.length > 0) set.push(`arguments=${words(command.argumentValues)}`)
    return `    ${q(command.name)}) ${set.join('; ')} ;;`
  })
  return caseFunctions(spec, f, [top, ...rows])
}

/** A bash (≥ 4) script: static tables and two functions; nothing runs node on TAB. */
export function bashScript(spec: CompletionSpec): string {
  const f = functionPrefix(spec.program)
  return `# bash completion for ${spec.program} ${spec.version}, printed by \`${spec.program} completion bash\`.
# The configuration flags are listed below: print the script again after an upgrade.

# Configuration flags: the segments already written (a regular expression), then the next ones.
${tables(spec, f)}

# Adds to candidates the completions of the configuration flag $1 (\`--a.b\`, \`--a.b=value\`).
${f}_config() {
  local word=$1 i item
  local -a list
  if [[ $word == *=* ]]; then
    local key=\${word%%=*} value=\${word#*=} written=''
    for ((i = 0; i < \${#${f}_values[@]}; i += 3)); do
      [[ \${key#--} =~ \${${f}_values[i]} ]] || continue
      if [[ \${${f}_values[i + 1]} == files ]]; then
        while IFS= read -r item; do
          [[ -d $item ]] && item+=/
          candidates+=("$key=$item")
        done < <(compgen -f -- "$value")
        return
      fi
      if [[ \${${f}_values[i + 1]} == list && $value == *,* ]]; then
        written=\${value%,*},
        value=\${value##*,}
      fi
      read -ra list <<<"\${${f}_values[i + 2]}"
      for item in "\${list[@]}"; do
        [[ $item == "$value"* ]] && candidates+=("$key=$written$item")
      done
      return
    done
    return
  fi
  local body=\${word#--} head='' base=--
  local part=$body
  if [[ $body == *.* ]]; then
    head=\${body%.*} part=\${body##*.} base=--\${body%.*}.
  fi
  for ((i = 0; i < \${#${f}_nodes[@]}; i += 2)); do
    [[ $head =~ \${${f}_nodes[i]} ]] || continue
    read -ra list <<<"\${${f}_nodes[i + 1]}"
    for item in "\${list[@]}"; do
      [[ $item == "$part"* ]] && candidates+=("$base$item")
    done
    return
  done
}

# Sets options, arguments and configured for the command $1 ('' before the command).
${commandCases(spec, f)}

${f}() {
  # The word as typed, whatever COMP_WORDBREAKS splits it into (\`--log.level=\` is three words).
  local line=\${COMP_LINE:0:COMP_POINT}
  local word=\${line##*[[:space:]]} cur=\${COMP_WORDS[COMP_CWORD]}
  local -a typed candidates=()
  read -ra typed <<<"\${line:0:\${#line}-\${#word}}"
  local command='' prev=\${typed[\${#typed[@]} - 1]} item options='' arguments='' configured='' REPLY
  for item in "\${typed[@]:1}"; do
    [[ $item == -* ]] || { command=$item; break; }
  done
  ${f}_command "$command" || return 0
  if [[ $word != -* && $prev == --* && $prev != *=* ]] && ${f}_option_values "$prev"; then
    for item in $REPLY; do [[ $item == "$word"* ]] && candidates+=("$item"); done
  elif [[ $word == --*=* && " $options " == *" \${word%%=*} "* ]]; then
    ${f}_option_values "\${word%%=*}"
    for item in $REPLY; do [[ \${word%%=*}=$item == "$word"* ]] && candidates+=("\${word%%=*}=$item"); done
  elif [[ $word == -* ]]; then
    if [[ $word != *=* ]]; then
      for item in $options; do [[ $item == "$word"* ]] && candidates+=("$item"); done
    fi
    [[ -n $configured ]] && ${f}_config "$word"
  else
    for item in $arguments; do [[ $item == "$word"* ]] && candidates+=("$item"); done
  fi
  # Bash replaces only the part after the last word break (\`=\`, \`:\`): hand it just that part.
  local written=''
  [[ $word == *"$cur" ]] && written=\${word%"$cur"}
  COMPREPLY=()
  for item in "\${candidates[@]}"; do
    COMPREPLY+=("\${item#"$written"}")
    [[ $item == *[=./] ]] && compopt -o nospace 2>/dev/null
  done
  return 0
}

complete -F ${f} ${spec.program}
`
}
