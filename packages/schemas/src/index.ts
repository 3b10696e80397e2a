export { canonicalDuration, duration, formatDuration, parseDuration } from './duration.js'
export { fileOrContent, group, named, section, stringMap, withParent } from './kinds.js'
export { EXPORT_MARKER, exported, masked, type OptionMeta } from './meta.js'
export { type StaticConfig, staticConfigSchema } from './static-config.js'
