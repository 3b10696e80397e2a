import type { SentReport } from './sent-report.js'

/** What the state file holds. */
export interface TelemetryState {
  /** 64 hex characters: 32 random bytes, created once per installation. */
  readonly installationKey: string
  readonly lastReportAt?: string
  readonly lastCheckAt?: string
  /** Newest last, at most 10. */
  readonly reports: readonly SentReport[]
}
