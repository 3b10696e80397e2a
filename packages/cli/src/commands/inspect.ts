import { explain } from '@baqup/core'
import { formatConfig, isFormat } from '../format.js'
import { inspectConfiguration, load } from '../inspection.js'
import { UsageError, writeJSON } from '../print.js'
import { releaseView } from '../release-view.js'
import { explainTable, humanReport } from '../report.js'
import { outputWidth } from '../terminal-width.js'
import { usableEndpoints } from '../usable-endpoint.js'

export interface InspectFlags {
  json?: boolean
  explain?: boolean
  format?: string
  /** Add the configuration as loaded, in clear, to `--json`. */
  includeConfig?: boolean
}

export async function inspect(flags: InspectFlags, configFlags: readonly string[], version: string): Promise<void> {
  const format = flags.format ?? 'yaml'
  if (!isFormat(format)) {
    throw new UsageError(`--format must be yaml, json or toml (found "${format}")`, { source: '--format' })
  }
  if (flags.includeConfig && !flags.json) {
    throw new UsageError('--include-config works with --json only', { source: '--include-config' })
  }
  usableEndpoints(process.env)
  if (flags.explain && !flags.json) {
    // The table needs the configuration only: no key, no hash, no payload.
    const loaded = load(configFlags, process.env, version)
    // The table has no room for them; the report lists them under the source.
    for (const warning of loaded.warnings) process.stderr.write(`baqup-telemetry: warning: ${warning}\n`)
    process.stdout.write(
      explainTable(explain(releaseView(version).zod, loaded.config), outputWidth(process.stdout, process.env)),
    )
    return
  }
  // Under --json, a problem at the state path is one more warning, inside the one JSON object.
  const stateWarnings: string[] = []
  const warn = flags.json ? (message: string) => stateWarnings.push(message) : undefined
  const inspection = inspectConfiguration({ configFlags, env: process.env, version, explain: flags.explain, warn })
  const { loaded } = inspection
  if (flags.json) {
    writeJSON({
      source: loaded.source,
      warnings: [...loaded.warnings, ...stateWarnings],
      global: inspection.global,
      // In clear: only when asked for, since JSON output ends up pasted into bug reports.
      ...(flags.includeConfig ? { config: loaded.config } : {}),
      anonymized: inspection.anonymized,
      hash: inspection.hash,
      payload: inspection.payload,
      mechanisms: inspection.mechanisms,
      ...(inspection.decisions ? { explain: inspection.decisions } : {}),
    })
    return
  }
  process.stdout.write(humanReport(inspection, await formatConfig(inspection.anonymized, format), format))
}
