import { createHash } from 'node:crypto'
import { type OptionRow, optionRows } from '@baqup/core'
import type * as z from 'zod'

/**
 * Reports repeat: an installation sends the same configuration every day. The store keeps each
 * distinct configuration, and its option rows, once, under an id derived from its text, and a
 * report names it by that id. A writer remembers which ids it has stored, so that a configuration
 * seen again costs one id in the report row.
 */

/**
 * Engines count and join 64-bit integers many times faster than 64-character strings: an
 * installation is keyed by the first 64 bits of its hash, a configuration by the first 64 bits
 * of the SHA-256 of its JSON text. Two of a million installations share a key with a probability
 * near 3 in 100 million. Keys travel as decimal text, which both engines read into UInt64.
 */
export const key64 = (hex: string) => BigInt(`0x${hex.slice(0, 16)}`).toString()

const configurationId = (json: string) => key64(createHash('sha256').update(json).digest('hex'))

/** A configuration as the store keeps it: its key, its JSON text and its option rows, derived once. */
export interface StoredConfiguration {
  readonly id: string
  readonly json: string
  readonly options: readonly OptionRow[]
}

export function storedConfiguration(schema: z.ZodType, configuration: Record<string, unknown>): StoredConfiguration {
  const json = JSON.stringify(configuration)
  return { id: configurationId(json), json, options: optionRows(schema, configuration) }
}

const DAY_MS = 86_400_000
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS

/** The configurations a writer has stored, each with the day of the report that stored its copy. */
export class StoredConfigurations {
  private readonly stored = new Map<string, string>()

  /**
   * @param copyLastsDays Where retention deletes copies by their day (a shared engine, where
   * another writer's retention cannot see this one's memory), a report is written with a copy
   * at most this many days older than itself; otherwise a stored configuration stays stored.
   */
  constructor(private readonly copyLastsDays = Number.POSITIVE_INFINITY) {}

  has(id: string, day: string): boolean {
    const copy = this.stored.get(id)
    return (
      copy !== undefined &&
      (this.copyLastsDays === Number.POSITIVE_INFINITY || daysBetween(copy, day) <= this.copyLastsDays)
    )
  }

  /** After a commit that wrote them. */
  add(copies: Iterable<{ id: string; day: string }>): void {
    for (const { id, day } of copies) {
      const known = this.stored.get(id)
      if (known === undefined || day > known) this.stored.set(id, day)
    }
  }

  clear(): void {
    this.stored.clear()
  }
}
