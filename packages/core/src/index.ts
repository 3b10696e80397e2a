export { ITEM_SEGMENT, listOptions, NAME_SEGMENT, type Option } from './schema/options.js'
export { EXPORT_MARKER, type LeafKind, type NodeKind, type OptionKind, type SchemaNode, walk } from './schema/walk.js'
export { toJSONSchema } from './schema/json-schema.js'
export { optionsMarkdown } from './schema/markdown.js'
