import { createHash } from 'node:crypto'
import type * as z from 'zod'
import { type StoredConfiguration, storedConfiguration } from '../store/configurations.js'

/**
 * An installation sends the same configuration every day, byte for byte. The checks of a
 * configuration (it validates against the schema, it is a fixed point of the anonymizer) are
 * most of the cost of accepting a report; their outcome depends on its bytes alone. So an accepted
 * configuration is remembered by the SHA-256 of its base64 text, with what the store keeps of it,
 * and the same bytes are not checked again. Refused ones are not remembered: they are checked
 * every time. The least recently sent go first past `maxBytes` (64 MiB by default) or `capacity`
 * entries, whichever comes first: 2 500 configurations of 58 KB weigh as much as 100 000 small ones.
 */

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024

/** Fixed cost of an entry: the map slot, the key string, the stored object and its array. */
const ENTRY_OVERHEAD = 256
/** Fixed cost of an option row: the object, its two properties and the strings' headers. */
const ROW_OVERHEAD = 80

/**
 * An estimate of the bytes an entry holds, on the high side: its key, its JSON text and its option
 * rows (paths and values as V8 keeps them, two bytes a character beyond Latin-1).
 */
export function entryBytes(key: string, configuration: StoredConfiguration): number {
  const text = (value: string) => (/^[\0-\xff]*$/.test(value) ? value.length : value.length * 2)
  let bytes = ENTRY_OVERHEAD + key.length + configuration.id.length + text(configuration.json)
  for (const row of configuration.options) {
    bytes += ROW_OVERHEAD + text(row.path)
    if (typeof row.value === 'string') bytes += text(row.value)
  }
  return bytes
}

export interface CheckedConfigurationsOptions {
  /** Most entries kept. */
  capacity?: number
  /** Most bytes kept, as `entryBytes` counts them. */
  maxBytes?: number
}

export class CheckedConfigurations {
  private readonly accepted = new Map<string, { configuration: StoredConfiguration; bytes: number }>()
  private total = 0
  private readonly capacity: number
  private readonly maxBytes: number

  constructor(
    private readonly schema: z.ZodType,
    options: CheckedConfigurationsOptions = {},
  ) {
    this.capacity = options.capacity ?? 100_000
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  }

  /** The bytes the entries kept hold, as `entryBytes` counts them: never more than `maxBytes`. */
  get bytes(): number {
    return this.total
  }

  get size(): number {
    return this.accepted.size
  }

  /** The checked configuration of these bytes: remembered, or `check` run on them and kept when it accepts. */
  get(base64: string, check: () => Record<string, unknown>): StoredConfiguration {
    const key = createHash('sha256').update(base64).digest('base64')
    const known = this.accepted.get(key)
    if (known) {
      // Refreshed: a configuration reported every day stays while ones no longer sent age out.
      this.accepted.delete(key)
      this.accepted.set(key, known)
      return known.configuration
    }
    const configuration = storedConfiguration(this.schema, check())
    const bytes = entryBytes(key, configuration)
    // One configuration larger than the whole budget is checked every time rather than kept.
    if (bytes > this.maxBytes) return configuration
    this.accepted.set(key, { configuration, bytes })
    this.total += bytes
    while (this.total > this.maxBytes || this.accepted.size > this.capacity) {
      const [oldest, entry] = this.accepted.entries().next().value as [string, { bytes: number }]
      this.accepted.delete(oldest)
      this.total -= entry.bytes
    }
    return configuration
  }
}
