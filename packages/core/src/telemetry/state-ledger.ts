import type { SentReport } from '../state/sent-report.js'
import { readState, type StateLogger, updateState } from '../state/state.js'
import type { TelemetryState } from '../state/telemetry-state.js'
import type { TelemetryOperation } from './errors.js'

/** What the scheduler remembers across restarts, kept in the telemetry state file. */
export interface RunLedger {
  lastRun(operation: TelemetryOperation): number | undefined
  recordRun(operation: TelemetryOperation, at: number): void
  /** Appends to the audit trail of reports that reached a server (the state keeps the last 10). */
  recordReport(report: SentReport): void
}

const LAST_RUN_FIELD = { 'version-check': 'lastCheckAt', 'usage-report': 'lastReportAt' } as const

export function stateLedger(statePath: string, logger?: StateLogger): RunLedger {
  return {
    lastRun(operation) {
      // Read only: asking when the last run was never creates the file.
      const value = readState(statePath)?.[LAST_RUN_FIELD[operation]]
      const time = value === undefined ? Number.NaN : Date.parse(value)
      return Number.isFinite(time) ? time : undefined
    },
    recordRun(operation, at) {
      const stamp = new Date(at).toISOString()
      updateState(statePath, (state): TelemetryState => ({ ...state, [LAST_RUN_FIELD[operation]]: stamp }), logger)
    },
    recordReport(report) {
      updateState(statePath, (state) => ({ ...state, reports: [...state.reports, report] }), logger)
    },
  }
}
