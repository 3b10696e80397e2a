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

/** The releases that have the option: `3.5 →` while the newest has it, `2.0 – 2.11` (or `2.5 only`) once removed. */
function releasesText(option: Option): string {
  if (!option.since) return ''
  if (option.until === option.since) return `${option.since} only`
  return option.until ? `${option.since} – ${option.until}` : `${option.since} →`
}

/**
 * The flags reference: one row per option, as `flags --markdown` prints it. A schema that carries
 * its options' history (`since`, `until`) gets a Releases column.
 */
export function optionsMarkdown(options: readonly Option[]): string {
  const history = options.some((option) => option.since !== undefined)
  const rows = options.map((option) => {
    const releases = history ? ` ${releasesText(option)} |` : ''
    return `| \`--${cell(option.path)}\` | ${cell(kindText(option))} | ${cell(defaultText(option))} | ${option.export ? 'sent' : 'masked'} |${releases} ${cell(option.description)} |`
  })
  const header = history
    ? ['| Flag | Kind | Default | Usage statistics | Releases | Description |', '|---|---|---|---|---|---|']
    : ['| Flag | Kind | Default | Usage statistics | Description |', '|---|---|---|---|---|']
  return [...header, ...rows, ''].join('\n')
}
