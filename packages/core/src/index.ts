export { ITEM_SEGMENT, listOptions, NAME_SEGMENT, type Option } from './schema/options.js'
export { EXPORT_MARKER, type LeafKind, type NodeKind, type OptionKind, type SchemaNode, walk } from './schema/walk.js'
export { toJSONSchema } from './schema/json-schema.js'
export { optionsMarkdown } from './schema/markdown.js'
export { anonymize, MASKED } from './anonymize.js'
export { type Decision, type DecisionKind, explain } from './explain.js'
export { canonicalJSON, configHash } from './hash.js'
export { type BuildInfo, buildPayload, type UsagePayload } from './payload.js'
export { MAX_CHECKED_LENGTH, SCRUB_PATTERNS, SCRUBBED, type ScrubPattern, type ScrubResult, scrub } from './scrub.js'
export {
  defaultStatePath,
  openState,
  type SentReport,
  type StatePathOptions,
  type TelemetryState,
  updateState,
} from './state.js'
