import { allowedValues, type Option } from './options.js'

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

function kindText(option: Option): string {
  return option.values ? `${option.kind}: ${allowedValues(option, (value) => `\`${value}\``)}` : option.kind
}

function defaultText(option: Option): string {
  if (option.default === undefined) return ''
  if (option.kind === 'section') return option.default ? 'on' : ''
  return `\`${typeof option.default === 'string' ? option.default : JSON.stringify(option.default)}\``
}

/** The flags reference: one row per option, as `flags --markdown` prints it. */
export function optionsMarkdown(options: readonly Option[]): string {
  const rows = options.map(
    (option) =>
      `| \`--${cell(option.path)}\` | ${cell(kindText(option))} | ${cell(defaultText(option))} | ${option.export ? 'sent' : 'masked'} | ${cell(option.description)} |`,
  )
  return ['| Flag | Kind | Default | Usage statistics | Description |', '|---|---|---|---|---|', ...rows, ''].join('\n')
}
