export { envVarName } from './config/env.js'
export { CONFIG_ERROR_CODES, type ConfigErrorCode } from './config/error-code.js'
export { ConfigError, type ConfigErrorDetails, formatOrigin, type Origin } from './config/errors.js'
export { CONFIG_EXTENSIONS, type ConfigFormat, configFileCandidates } from './config/file.js'
export { ConfigErrors, MAX_LISTED_ERRORS } from './config/gathered.js'
export { LIMITS as CONFIG_LIMITS } from './config/limits.js'
export {
  type LoadedConfig,
  type LoadedSource,
  type LoadOptions,
  loadConfig,
  type ParseOptions,
  parseConfigText,
  type SourceKind,
} from './config/load.js'
export { DYNAMIC_ROOT_KEYS } from './config/pipeline.js'
export type { LegacyOptions } from './config/removed.js'
export { didYouMean, editDistance } from './config/suggest.js'
export type { SwitchDecision, SwitchSetting } from './config/switches.js'
export { type AddressOutcome, anonymizeAddress } from './report/address.js'
export { anonymize, MASKED } from './report/anonymize.js'
export { type AnonymizedVerdict, checkAnonymized, isAnonymized, schemaPath } from './report/anonymized.js'
export type { Decision, DecisionKind } from './report/decision.js'
export { anonymizeExplained, type ExplainedAnonymization, explain } from './report/explain.js'
export { canonicalJSON, configHash } from './report/hash.js'
export { dictionarySpelling, entryNames } from './report/names.js'
export { type OptionRow, type OptionValue, optionRows } from './report/option-rows.js'
export { type BuildInfo, buildPayload, type UsagePayload } from './report/payload.js'
export { MAX_CHECKED_LENGTH, SCRUBBED, type ScrubResult, scrub, textProblem } from './report/scrub.js'
export { type JSONSchemaOptions, toJSONSchema } from './schema/json-schema.js'
export { optionsMarkdown } from './schema/markdown.js'
export { allowedValues, ITEM_SEGMENT, listOptions, NAME_SEGMENT, type Option } from './schema/options.js'
export {
  EXPORT_MARKER,
  type LeafKind,
  type NodeKind,
  type OptionKind,
  type SchemaNode,
  type StringShape,
  walk,
} from './schema/walk.js'
export type { SentReport } from './state/sent-report.js'
export { defaultStatePath, openState, readState, type StatePathOptions, updateState } from './state/state.js'
export type { TelemetryState } from './state/telemetry-state.js'
export type { HttpAnswer, SendOptions, TelemetryClient, TelemetryRequest } from './telemetry/client.js'
export { BAQUP_PRODUCT, TELEMETRY_LIMITS, type TelemetryProduct } from './telemetry/defaults.js'
export { doNotTrack, effectiveSwitches, type TelemetrySwitches } from './telemetry/do-not-track.js'
export { displayURL, endpointProblem } from './telemetry/endpoint.js'
export {
  OPERATION_NAMES,
  TelemetryError,
  type TelemetryErrorDetails,
  type TelemetryOperation,
} from './telemetry/errors.js'
export { createTelemetryClient, type TelemetryClientOptions } from './telemetry/http.js'
export type { TelemetryLogger } from './telemetry/logger.js'
export { EXCHANGE_OUTCOMES, type ExchangeOutcome, type ExchangeTrace } from './telemetry/outcome.js'
export type { Environment } from './telemetry/proxy.js'
export { performRequest, sha256Hex, type TelemetryAnswer } from './telemetry/request.js'
export type { Timers } from './telemetry/schedule.js'
export { type StartTelemetryOptions, startTelemetry, type TelemetryHandle } from './telemetry/start.js'
export { type StartupLineOptions, startupLines } from './telemetry/startup-log.js'
export { type RunLedger, stateLedger } from './telemetry/state-ledger.js'
export { type SwitchAdviceOptions, type SwitchOrigins, switchAdvice } from './telemetry/switch-advice.js'
export {
  buildReportRequest,
  type DescribeRequestsOptions,
  describeRequests,
  type PlannedRequest,
  type PlannedRequests,
  reportBody,
  type SendUsageReportOptions,
  sendAndRecordReport,
  sendUsageReport,
  type UsageReportResult,
} from './telemetry/usage-report.js'
export {
  buildVersionRequest,
  type CheckNewVersionOptions,
  checkNewVersion,
  compareReleases,
  releaseVersion,
  type VersionCheckResult,
  versionCheckSkipReason,
} from './telemetry/version-check.js'
export { wrapWords } from './telemetry/wrap.js'
