import { type Decision, TELEMETRY_LIMITS, type TelemetryRequest } from '@baqup/core'
import { colors } from 'consola/utils'
import type { Inspection, Mechanism } from './inspection.js'
import { searchedPlaces } from './searched.js'

const minutes = (ms: number) => ms / 60_000
const SCHEDULE =
  `first ${minutes(TELEMETRY_LIMITS.firstRunDelayMs)} minutes after start, then every ` +
  `${minutes(TELEMETRY_LIMITS.intervalMs) / 60} hours (± up to ${minutes(TELEMETRY_LIMITS.jitterMs)} minutes)`
const indent = (text: string, by = '  ') => text.replace(/^(?=.)/gm, by)
const label = (text: string) => colors.bold(text.padEnd(10))

function requestLines(request: TelemetryRequest): string[] {
  const lines = [
    `${request.method} ${request.url}`,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
  ]
  if (request.body !== undefined)
    lines.push('body: version, codename, buildDate, hash and the configuration below (base64)')
  return lines
}

function mechanismBlock(title: string, shares: string, mechanism: Mechanism): string {
  const state = mechanism.enabled ? colors.green('enabled') : colors.yellow('disabled')
  const lines = [`${colors.bold(title)}  ${state}  ${colors.dim(`(decided by: ${mechanism.why})`)}`]
  lines.push(`  ${label('Shares')}${shares}`)
  lines.push(`  ${label('When')}${mechanism.enabled ? SCHEDULE : 'never, while disabled'}`)
  if (mechanism.skipped) lines.push(`  ${label('Request')}none: ${mechanism.skipped}`)
  else if (mechanism.request) {
    const [first, ...rest] = requestLines(mechanism.request)
    const note = mechanism.enabled ? '' : colors.dim('  (what it would send once enabled)')
    lines.push(`  ${label('Request')}${first}${note}`, ...rest.map((line) => `  ${' '.repeat(10)}${line}`))
  }
  return lines.join('\n')
}

/** Where the defaults come from: no file at any of these places. */
function searchedLines(searched: readonly string[] | undefined): string[] {
  const [first, ...rest] = searchedPlaces(searched ?? [])
  if (first === undefined) return []
  return [`  ${label('Searched')}${first}`, ...rest.map((place) => `  ${' '.repeat(10)}${place}`)]
}

/** The human `inspect` report: source, the two mechanisms, the anonymized configuration, the hash. */
export function humanReport(inspection: Inspection, anonymizedText: string, format: string): string {
  const { loaded, mechanisms, hash, payload } = inspection
  const source = loaded.source.path ? `${loaded.source.kind} ${loaded.source.path}` : loaded.source.kind
  const payloadBytes = Buffer.byteLength(JSON.stringify(payload))
  const blocks = [
    `${colors.bold('Configuration')}  ${source}`,
    ...searchedLines(loaded.source.searched),
    ...loaded.warnings.map((warning) => colors.yellow(`  ! ${warning}`)),
    '',
    mechanismBlock(
      'Version check',
      'the running version, and (as any request) your public IP address',
      mechanisms.versionCheck,
    ),
    '',
    mechanismBlock(
      'Usage statistics',
      'the version, a keyed hash and the anonymized static configuration below',
      mechanisms.usageStatistics,
    ),
    '',
    colors.bold(`Anonymized configuration (${format})`),
    indent(anonymizedText.trimEnd()),
    '',
    `${label('Hash')}${hash}  ${colors.dim(inspection.keyPersistent ? `(HMAC-SHA-256, key in ${inspection.statePath})` : '(HMAC-SHA-256, key for this process only: the state file cannot be written)')}`,
    `${label('Payload')}${payloadBytes} bytes`,
    colors.dim('Nothing was sent. See --explain for why each value is kept or masked, --json for all of it.'),
  ]
  return `${blocks.join('\n')}\n`
}

/** The widest the path column gets; a longer path stands on a line of its own. */
const EXPLAIN_PATH_CAP = 60
/** What the decision and a short reason need beside the path column. */
const EXPLAIN_REST = 32

/**
 * `inspect --explain`: path → decision → reason, in aligned columns. The path column is as wide as
 * the longest path, up to what the width leaves (at most 60); a longer path stands alone on its
 * line, and its decision and reason follow on the next one, in their columns.
 */
export function explainTable(decisions: readonly Decision[], width = 80): string {
  if (decisions.length === 0) return 'The configuration sets no option: nothing to explain.\n'
  const cap = Math.min(EXPLAIN_PATH_CAP, Math.max(24, width - EXPLAIN_REST))
  const column = Math.min(cap, Math.max(...decisions.map((d) => d.path.length)))
  const tint = { kept: colors.green, scrubbed: colors.magenta, masked: colors.yellow, removed: colors.red }
  const rows = decisions.flatMap((d) => {
    const rest = `${tint[d.decision](d.decision.padEnd(8))}  ${d.reason}`
    return d.path.length > column ? [d.path, `${' '.repeat(column)}  ${rest}`] : [`${d.path.padEnd(column)}  ${rest}`]
  })
  return `${colors.bold(`${'PATH'.padEnd(column)}  DECISION  REASON`)}\n${rows.join('\n')}\n`
}
