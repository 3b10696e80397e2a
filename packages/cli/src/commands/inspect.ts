import { explain } from '@baqup/core'
import { formatConfig, isFormat } from '../format.js'
import { inspectConfiguration, load } from '../inspection.js'
import { UsageError, writeJSON } from '../print.js'
import { product } from '../product.js'
import { explainTable, humanReport } from '../report.js'

export interface InspectFlags {
  json?: boolean
  explain?: boolean
  format?: string
}

export async function inspect(flags: InspectFlags, configFlags: readonly string[]): Promise<void> {
  const format = flags.format ?? 'yaml'
  if (!isFormat(format)) throw new UsageError(`--format must be yaml, json or toml (found "${format}")`)
  if (flags.explain && !flags.json) {
    // The table needs the configuration only: no key, no hash, no payload.
    const loaded = load(configFlags, process.env)
    // The table has no room for them; the report lists them under the source.
    for (const warning of loaded.warnings) process.stderr.write(`baqup-telemetry: warning: ${warning}\n`)
    process.stdout.write(explainTable(explain(product.schema, loaded.config)))
    return
  }
  const inspection = inspectConfiguration({ configFlags, env: process.env, explain: flags.explain })
  const { loaded } = inspection
  if (flags.json) {
    writeJSON({
      source: loaded.source,
      warnings: loaded.warnings,
      global: inspection.global,
      config: loaded.config,
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
