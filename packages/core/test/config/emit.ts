import type { SchemaNode } from '../../src/schema/walk.js'

/**
 * Writers for the round-trip properties: a normalized configuration written back as TOML, flags
 * and env variables, by the schema. (@iarna/toml's own writer prints `1e-7` as `1e-7.undefined`.)
 */

type Value = unknown
const isTable = (value: Value): value is Record<string, Value> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isTableList = (value: Value): value is Record<string, Value>[] =>
  Array.isArray(value) && value.length > 0 && value.every(isTable)

const tomlKey = (key: string) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key))
const tomlScalar = (value: Value): string =>
  Array.isArray(value) ? `[${value.map(tomlScalar).join(', ')}]` : JSON.stringify(value)

export function toToml(config: Record<string, Value>): string {
  const out: string[] = []
  const table = (value: Record<string, Value>, path: string[]) => {
    const entries = Object.entries(value)
    for (const [key, item] of entries)
      if (!isTable(item) && !isTableList(item)) out.push(`${tomlKey(key)} = ${tomlScalar(item)}`)
    for (const [key, item] of entries) {
      const header = [...path, key].map(tomlKey).join('.')
      if (isTable(item)) {
        out.push(`[${header}]`)
        table(item, [...path, key])
      } else if (isTableList(item)) {
        for (const element of item) {
          out.push(`[[${header}]]`)
          table(element, [...path, key])
        }
      }
    }
  }
  table(config, [])
  return `${out.join('\n')}\n`
}

/** Walks a configuration along its schema, calling `emit(path, text)` for each flag or variable to write. */
function walkValues(
  value: Value,
  node: SchemaNode,
  path: (string | number)[],
  emit: (path: (string | number)[], text: string) => void,
) {
  switch (node.kind) {
    case 'object':
    case 'section': {
      const entries = Object.entries(value as Record<string, Value>)
      if (entries.length === 0 && path.length > 0) emit(path, 'true')
      for (const [key, item] of entries) walkValues(item, node.children?.get(key) as SchemaNode, [...path, key], emit)
      return
    }
    case 'map':
      for (const [key, item] of Object.entries(value as Record<string, Value>))
        walkValues(item, node.item as SchemaNode, [...path, key], emit)
      return
    case 'list':
      ;(value as Value[]).forEach((item, index) => walkValues(item, node.item as SchemaNode, [...path, index], emit))
      return
    case 'map<string,string>':
    case 'map<string,any>':
      for (const [key, item] of Object.entries(value as Record<string, Value>)) emit([...path, key], String(item))
      return
    default:
      emit(path, Array.isArray(value) ? value.join(',') : String(value))
  }
}

export function toFlags(config: Record<string, Value>, root: SchemaNode): string[] {
  const flags: string[] = []
  walkValues(config, root, [], (path, text) => {
    const name = path
      .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index ? `.${segment}` : segment))
      .join('')
    flags.push(`--${name}=${text}`)
  })
  return flags
}

export function toEnv(config: Record<string, Value>, root: SchemaNode, prefix: string): Record<string, string> {
  const env: Record<string, string> = {}
  walkValues(config, root, [], (path, text) => {
    env[prefix + path.map((segment) => String(segment).toUpperCase()).join('_')] = text
  })
  return env
}
