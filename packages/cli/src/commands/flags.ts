import { listOptions, optionsMarkdown, walk } from '@baqup/core'
import { writeJSON } from '../print.js'
import { product } from '../product.js'

export interface FlagsOptions {
  json?: boolean
  markdown?: boolean
}

function defaultText(value: unknown): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function flags(options: FlagsOptions): void {
  const list = listOptions(walk(product.schema))
  if (options.json) {
    writeJSON(
      list.map(({ path, kind, export: exported, default: value, description }) => ({
        path,
        kind,
        export: exported,
        default: value ?? null,
        description,
      })),
    )
    return
  }
  if (options.markdown) {
    process.stdout.write(optionsMarkdown(list))
    return
  }
  const width = Math.max(...list.map((option) => option.path.length)) + 2
  const lines = list.map((option) => {
    const value = defaultText(option.default)
    const facts = [option.kind, option.export ? 'sent' : 'masked', value && `default ${value}`].filter(Boolean)
    return `--${option.path.padEnd(width)}${option.description} (${facts.join(', ')})`
  })
  process.stdout.write(`${lines.join('\n')}\n`)
}
