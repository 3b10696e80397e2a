import { readState } from '@baqup/core'
import { statePathOf } from '../inspection.js'
import { writeJSON } from '../print.js'

/** The audit trail: the reports this installation actually sent, with the server's answer. */
export function history(flags: { json?: boolean }): void {
  const path = statePathOf(process.env)
  // Read only: looking at the audit trail never creates a state file or a key.
  const state = readState(path)
  const reports = state?.reports ?? []
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
  const rows = reports.map((r) => `${r.at}  ${String(r.status).padEnd(6)}  ${r.url}  ${r.bodySha256}`)
  process.stdout.write(`${'SENT AT'.padEnd(24)}  STATUS  URL  BODY SHA-256\n${rows.join('\n')}\n`)
}
