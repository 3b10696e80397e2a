import type { SchemaNode } from './walk.js'

type JSONSchema = Record<string, unknown>

const DURATION_PATTERN = '^([-+]?((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+|[-+]?\\d+(\\.\\d+)?)$'

/** `debug` → `[dD][eE][bB][uU][gG]`: JSON Schema patterns have no case-insensitive flag. */
function anyCasePattern(values: readonly string[]): string {
  const escape = (char: string) => char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
  const spell = (value: string) =>
    [...value]
      .map((char) =>
        char.toLowerCase() === char.toUpperCase() ? escape(char) : `[${char.toLowerCase()}${char.toUpperCase()}]`,
      )
      .join('')
  return `^(${values.map(spell).join('|')})$`
}

/** A string, or one of a closed set (offered by editors as written, accepted in any case where the option is). */
function enumerationSchema(node: SchemaNode): JSONSchema {
  if (!node.values) return { type: 'string' }
  if (!node.caseInsensitive) return { type: 'string', enum: node.values }
  return { type: 'string', anyOf: [{ enum: node.values }, { pattern: anyCasePattern(node.values) }] }
}

function leafSchema(node: SchemaNode): JSONSchema {
  switch (node.kind) {
    case 'bool':
      return { type: 'boolean' }
    case 'int':
      return { type: 'integer' }
    case 'float':
      return { type: 'number' }
    case 'duration':
      return { type: ['string', 'number'], pattern: DURATION_PATTERN }
    case 'string':
      return enumerationSchema(node)
    case 'file-or-content':
      return { type: 'string' }
    case 'string[]':
      return { type: 'array', items: enumerationSchema(node) }
    case 'file-or-content[]':
      return { type: 'array', items: { type: 'string' } }
    case 'float[]':
      return { type: 'array', items: { type: 'number' } }
    case 'map<string,string>':
      return { type: 'object', additionalProperties: enumerationSchema(node) }
    case 'map<string,any>':
      return { type: 'object', additionalProperties: true }
    default:
      throw new Error(`json-schema: unexpected kind ${node.kind}`)
  }
}

function objectSchema(node: SchemaNode): JSONSchema {
  const properties: Record<string, JSONSchema> = {}
  for (const [key, child] of node.children ?? []) properties[key] = nodeSchema(child)
  return { type: 'object', properties, additionalProperties: false }
}

function nodeSchema(node: SchemaNode): JSONSchema {
  let schema: JSONSchema
  switch (node.kind) {
    case 'object':
      schema = objectSchema(node)
      break
    case 'section':
      // `api: {}`, `api:` (null) and `api: true` switch a section on, `false` off.
      schema = { anyOf: [objectSchema(node), { type: ['null', 'boolean'] }] }
      break
    case 'map':
      schema = { type: 'object', additionalProperties: nodeSchema(node.item as SchemaNode) }
      break
    case 'list':
      schema = { type: 'array', items: nodeSchema(node.item as SchemaNode) }
      break
    default:
      schema = leafSchema(node)
      if (node.default !== undefined) schema.default = node.default
  }
  return node.description ? { description: node.description, ...schema } : schema
}

export interface JSONSchemaOptions {
  /** `$id` of the document. */
  readonly id?: string
  readonly title?: string
  /**
   * Root keys a file may carry that are not configuration (the loader's ignored keys, such as
   * dynamic configuration or an editor's `$schema`): allowed at the root, not described.
   */
  readonly ignoredRootKeys?: readonly string[]
}

/** JSON Schema (2020-12) of a configuration, for editors (YAML language server, TOML tooling). */
export function toJSONSchema(root: SchemaNode, meta: JSONSchemaOptions = {}): JSONSchema {
  const schema = objectSchema(root)
  const properties = schema.properties as Record<string, JSONSchema>
  for (const key of meta.ignoredRootKeys ?? []) if (!Object.hasOwn(properties, key)) properties[key] = {}
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(meta.id ? { $id: meta.id } : {}),
    ...(meta.title ? { title: meta.title } : {}),
    ...schema,
  }
}
