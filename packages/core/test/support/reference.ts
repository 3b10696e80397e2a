import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { staticConfigSchema } from '@baqup/schemas'
import { listOptions } from '../../src/schema/options.js'
import { walk } from '../../src/schema/walk.js'

/** Files copied into the repository (reference/, derived from Traefik v3.7). */
export const referenceDir = fileURLToPath(new URL('../../../../reference/', import.meta.url))
export const readReference = (name: string) => readFileSync(referenceDir + name, 'utf8')

export interface ReferenceRow {
  path: string
  kind: string
  export: boolean
  default: string
}

export function referenceRows(): ReferenceRow[] {
  const [, ...lines] = readReference('static-options.tsv').trim().split('\n')
  return lines.map((line) => {
    const [path = '', kind = '', exported = '', value = ''] = line.split('\t')
    return { path, kind, export: exported === 'true', default: value }
  })
}

/** Real users' files: third-party, never copied into the repository; present only beside it. */
export const corpusDir = fileURLToPath(new URL('../../../../../shared/reference/corpus/', import.meta.url))
export const corpusFiles = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((name) => /\.(ya?ml|toml)$/.test(name))
  : []
export const corpusSkipReason = corpusFiles.length
  ? ''
  : `corpus not found at ${corpusDir}: corpus tests skipped (they run when ../shared/reference/corpus exists)`

/**
 * The last key of each enumerated option (`level`, `keyType`), with its allowed values; with `maps`,
 * of each map whose values are a closed set (`names`).
 */
function enumeratedKeys(maps = false): Map<string, { values: readonly string[]; caseInsensitive: boolean }> {
  const keys = new Map<string, { values: readonly string[]; caseInsensitive: boolean }>()
  for (const option of listOptions(walk(staticConfigSchema))) {
    if (!option.values || option.kind.startsWith('map<') !== maps) continue
    const key = option.path.split('.').at(-1) as string
    const known = keys.get(key)
    keys.set(key, {
      values: [...new Set([...(known?.values ?? []), ...option.values])],
      caseInsensitive: option.caseInsensitive === true,
    })
  }
  return keys
}

/**
 * The reference files set every string to a placeholder (`foobar`, `Level`, `MyKeyType`), which
 * Baqup refuses where the option is a closed set: the same text with each such value replaced by
 * the first allowed one (scalars, TOML arrays and YAML block lists written as the references do).
 */
export function withAllowedValues(text: string): string {
  const keys = enumeratedKeys()
  const maps = enumeratedKeys(true)
  const allowed = (key: string, value: string, from = keys) => {
    const { values, caseInsensitive } = from.get(key) as { values: readonly string[]; caseInsensitive: boolean }
    const unquoted = value.replace(/^"(.*)"$/, '$1')
    return values.some((v) => v === unquoted || (caseInsensitive && v.toLowerCase() === unquoted.toLowerCase()))
  }
  // The entries of such a map: a YAML block (`names:` then deeper `key: value` lines) or a TOML table.
  const entries = (key: string, block: string) =>
    block.replace(/^([ \t]*[\w-]+[ \t]*[:=][ \t]*)(\S.*)$/gm, (line, start, value) => {
      if (allowed(key, value, maps)) return line
      const first = maps.get(key)?.values[0] as string
      return `${start}${start.includes('=') ? `"${first}"` : first}`
    })
  return text
    .replace(/^([ \t]*)(\w+):\n((?:\1[ \t]+[\w-]+: .*\n)+)/gm, (block, indent, key, body) =>
      maps.has(key) ? `${indent}${key}:\n${entries(key, body)}` : block,
    )
    .replace(/^([ \t]*)\[([\w.]+)\]\n((?:[ \t]*[\w-]+ = .*\n)+)/gm, (block, indent, table, body) => {
      const key = table.split('.').at(-1) as string
      return maps.has(key) ? `${indent}[${table}]\n${entries(key, body)}` : block
    })
    .replace(/^([ \t]*)(\w+)([ \t]*[:=][ \t]*)(\S.*)$/gm, (line, indent, key, separator, value) => {
      if (!keys.has(key)) return line
      const first = keys.get(key)?.values[0] as string
      if (value.startsWith('[')) return `${indent}${key}${separator}["${first}"]`
      if (allowed(key, value)) return line
      return `${indent}${key}${separator}${separator.includes('=') ? `"${first}"` : first}`
    })
    .replace(/^([ \t]*)(\w+):\n((?:\1[ \t]+- .*\n)+)/gm, (block, indent, key) =>
      keys.has(key) ? `${indent}${key}:\n${indent}  - ${keys.get(key)?.values[0]}\n` : block,
    )
}
