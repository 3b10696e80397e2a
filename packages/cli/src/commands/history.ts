import { EXCHANGE_OUTCOMES, type ExchangeOutcome, readState, type SentReport } from '@baqup/core'
import { alignColumns } from '../columns.js'
import { statePathOf } from '../inspection.js'
import { writeJSON } from '../print.js'

type Entry = SentReport & { try: number; outcome: ExchangeOutcome }

/**
 * Every field, in one order. Entries written before outcomes were recorded were all answered;
 * entries written before retries were all first tries.
 */
const complete = ({ at, try: tried = 1, url, status, outcome = 'answered', bodySha256 }: SentReport): Entry => ({
  at,
  try: tried,
  url,
  ...(status !== undefined && { status }),
  outcome,
  bodySha256,
})

function table(reports: readonly Entry[]): string {
  const header = ['SENT AT', 'TRY', 'STATUS', 'OUTCOME', 'URL', 'BODY SHA-256']
  const rows = reports.map((r) => [r.at, String(r.try), String(r.status ?? '-'), r.outcome, r.url, r.bodySha256])
  const seen = [...new Set(reports.map((r) => r.outcome))].filter((outcome) => outcome !== 'answered')
  const legend = seen.map((outcome) => `${outcome}: ${EXCHANGE_OUTCOMES[outcome]}`)
  return `${[...alignColumns([header, ...rows]), ...(legend.length ? ['', ...legend] : [])].join('\n')}\n`
}

/**
 * The audit trail: every report whose body left this installation, which try of the day's report
 * it was, where it went last, and how the exchange ended (the server's status, a refused
 * redirect, an answer too large, a timeout…).
 */
export function history(flags: { json?: boolean }): void {
  const path = statePathOf(process.env)
  // Read only: looking at the audit trail never creates a state file or a key.
  const state = readState(path)
  const reports = (state?.reports ?? []).map(complete)
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
