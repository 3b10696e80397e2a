import { createHash } from 'node:crypto'
import type * as z from 'zod'
import { type StoredConfiguration, storedConfiguration } from '../store/configurations.js'

/**
 * An installation sends the same configuration every day, byte for byte. The checks of a
 * configuration (it validates against the schema, it is a fixed point of the anonymizer) are
 * most of the cost of accepting a report; their outcome depends on its bytes alone. So an accepted
 * configuration is remembered by the SHA-256 of its base64 text, with what the store keeps of it,
 * and the same bytes are not checked again. Refused ones are not remembered: they are checked
 * every time. The oldest entries go first past `capacity`.
 */

export class CheckedConfigurations {
  private readonly accepted = new Map<string, StoredConfiguration>()

  constructor(
    private readonly schema: z.ZodType,
    private readonly capacity = 100_000,
  ) {}

  /** The checked configuration of these bytes: remembered, or `check` run on them and kept when it accepts. */
  get(base64: string, check: () => Record<string, unknown>): StoredConfiguration {
    const key = createHash('sha256').update(base64).digest('base64')
    const known = this.accepted.get(key)
    if (known) {
      // Refreshed: a configuration reported every day stays while ones no longer sent age out.
      this.accepted.delete(key)
      this.accepted.set(key, known)
      return known
    }
    const checked = storedConfiguration(this.schema, check())
    this.accepted.set(key, checked)
    if (this.accepted.size > this.capacity) this.accepted.delete(this.accepted.keys().next().value as string)
    return checked
  }
}
