import { EXCHANGE_OUTCOMES, type ExchangeOutcome, readState, type SentReport } from '@baqup/core'
import { alignColumns } from '../columns.js'
import { statePathOf } from '../inspection.js'
import { writeJSON } from '../print.js'

/** Entries written before outcomes were recorded were all answered. */
const withOutcome = (report: SentReport): SentReport & { outcome: ExchangeOutcome } => ({
  ...report,
  outcome: report.outcome ?? 'answered',
})

function table(reports: readonly (SentReport & { outcome: ExchangeOutcome })[]): string {
  const header = ['SENT AT', 'STATUS', 'OUTCOME', 'URL', 'BODY SHA-256']
  const rows = reports.map((r) => [r.at, String(r.status ?? '-'), r.outcome, r.url, r.bodySha256])
  const seen = [...new Set(reports.map((r) => r.outcome))].filter((outcome) => outcome !== 'answered')
  const legend = seen.map((outcome) => `${outcome}: ${EXCHANGE_OUTCOMES[outcome]}`)
  return `${[...alignColumns([header, ...rows]), ...(legend.length ? ['', ...legend] : [])].join('\n')}\n`
}

/**
 * The audit trail: every report whose body left this installation, where it went last, and how
 * the exchange ended (the server's status, a refused redirect, an answer too large, a timeout…).
 */
export function history(flags: { json?: boolean }): void {
  const path = statePathOf(process.env)
  // Read only: looking at the audit trail never creates a state file or a key.
  const state = readState(path)
  const reports = (state?.reports ?? []).map(withOutcome)
  if (flags.json) {
    writeJSON({
      statePath: path,
      lastReportAt: state?.lastReportAt ?? null,
      lastCheckAt: state?.lastCheckAt ?? null,
      reports,
    })
    return
  }
  if (reports.length === 0) {
    process.stdout.write(`no usage report sent from this installation (state: ${path})\n`)
    return
  }
  process.stdout.write(table(reports))
}
