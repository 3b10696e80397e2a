import type { OptionRow } from '@baqup/core'
import type { Queries } from '../stats/queries.js'
import type { StoredConfiguration } from './configurations.js'

/**
 * What the collector keeps, engine-independent: only what statistics use (no codename, build date
 * or User-Agent text). Days are `YYYY-MM-DD` (UTC), times ISO strings.
 */

export interface StoredReport {
  readonly id: string
  readonly day: string
  readonly received: string
  readonly hash: string
  readonly version: string
  /** `203.0.113.0/24`, or the full address with `--ip=full`; empty with `--ip=none`. */
  readonly network: string
  readonly ip: string
  /** Where the address is: an ISO 3166-1 alpha-2 code, empty when unknown or with `--geo=off`. */
  readonly country: string
  /** The autonomous system the address belongs to; 0 when unknown or with `--geo=off`. */
  readonly asn: number
  /** The anonymized configuration. */
  readonly configuration: StoredConfiguration
}

export interface StoredVersionCheck {
  readonly day: string
  readonly received: string
  readonly version: string
  readonly network: string
  readonly ip: string
  readonly country: string
  readonly asn: number
}

export interface Refusal {
  readonly day: string
  readonly code: string
}

/** Everything one group commit writes. */
export interface Batch {
  readonly reports: readonly StoredReport[]
  readonly versionChecks: readonly StoredVersionCheck[]
  readonly refusals: readonly Refusal[]
}

export interface StoreStats {
  /** Stored reports, counting once per (hash, day). */
  reports: number
  /** Distinct hashes. */
  installations: number
  versionChecks: number
  refused: Record<string, number>
}

export interface ExportedReport {
  day: string
  hash: string
  version: string
  configuration: string
}

export interface Retention {
  /** Raw rows of days before this one are deleted. */
  readonly before: string
  /** Full addresses of days before this one are erased. */
  readonly ipBefore: string
}

export interface Store {
  readonly engine: 'duckdb' | 'clickhouse'
  /** Writes a batch durably: resolves only once the engine has committed it. */
  write(batch: Batch): Promise<void>
  stats(): Promise<StoreStats>
  /** The day's reports, once per (hash, day): the first received. */
  exportDay(day: string): Promise<ExportedReport[]>
  applyRetention(retention: Retention): Promise<void>
  /**
   * The distinct (network, installation) pairs of a day's reports, of one network or of all, the
   * empty network (`--ip=none`) left out: what the per-network cap of new installations reads.
   */
  installationsPerNetwork(day: string, network?: string): Promise<{ network: string; installation: string }[]>
  /** The named aggregate queries statistics call, in this engine's dialect. */
  readonly queries: Queries
  /** Rows of a read-only query, columns as JSON values; tables by their bare names on both engines (tests, operators). */
  query(sql: string): Promise<Record<string, unknown>[]>
  /** Throws when the engine does not answer. */
  ping(): Promise<void>
  close(): Promise<void>
}

/** A value kept in a text column: booleans and numbers as JSON, null stays null. */
export const optionValueText = (value: OptionRow['value']): string | null =>
  value === null ? null : typeof value === 'string' ? value : JSON.stringify(value)
