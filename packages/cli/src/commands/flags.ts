import { allowedValues, optionsMarkdown } from '@baqup/core'
import { optionList } from '../option-list.js'
import { writeJSON } from '../print.js'
import { outputWidth } from '../terminal-width.js'
import { twoColumns } from '../two-columns.js'

export interface FlagsOptions {
  json?: boolean
  markdown?: boolean
}

function defaultText(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  // A space after each comma: a long list may wrap between its items.
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`
  return JSON.stringify(value)
}

/** Every option of the release `version` belongs to: flag, kind, default, sent or masked, since when, help. */
export async function flags(options: FlagsOptions, version?: string): Promise<void> {
  const list = await optionList(version)
  if (options.json) {
    writeJSON(
      list.map(
        ({ path, kind, export: exported, default: value, description, values, caseInsensitive, since, until }) => ({
          path,
          kind,
          export: exported,
          default: value ?? null,
          description,
          values: values ?? null,
          caseInsensitive: caseInsensitive ?? false,
          since: since ?? null,
          until: until ?? null,
        }),
      ),
    )
    return
  }
  if (options.markdown) {
    process.stdout.write(optionsMarkdown(list))
    return
  }
  const records = list.map((option) => {
    const value = defaultText(option.default)
    const facts = [
      option.kind,
      option.export ? 'sent' : 'masked',
      value && `default ${value}`,
      option.values && allowedValues(option),
    ].filter(Boolean)
    return { flag: `--${option.path}`, help: `${option.description} (${facts.join(', ')})` }
  })
  const lines = twoColumns(records, outputWidth(process.stdout, process.env))
  process.stdout.write(`${lines.join('\n')}\n`)
}
