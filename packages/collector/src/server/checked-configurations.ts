import { createHash } from 'node:crypto'
import type * as z from 'zod'
import { type StoredConfiguration, storedConfiguration } from '../store/configurations.js'

/**
 * An installation sends the same configuration every day, byte for byte. The checks of a
 * configuration (it validates against its release's schema view, it is a fixed point of the
 * anonymizer) are most of the cost of accepting a report; their outcome depends on the view and the
 * bytes alone. So an accepted configuration is remembered by the SHA-256 of the view's key and its
 * base64 text (the same bytes from 2.11 and from 3.7 are two checks), with what the store keeps of
 * it, and the same view and bytes are not checked again. Refused ones are not remembered: they are checked
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

/** What a check returns: the configuration accepted, the schema it was checked against, and options dropped first. */
export interface Checked {
  readonly schema: z.ZodType
  readonly configuration: Record<string, unknown>
  /** Options of a newer release the view does not know, removed before the check (`unknown-options.ts`). */
  readonly dropped?: number
}

/** An accepted configuration as the store keeps it, and how many unknown options were dropped from it. */
export interface CheckedConfiguration extends StoredConfiguration {
  readonly dropped: number
}

export interface CheckedConfigurationsOptions {
  /** Most entries kept. */
  capacity?: number
  /** Most bytes kept, as `entryBytes` counts them. */
  maxBytes?: number
}

export class CheckedConfigurations {
  private readonly accepted = new Map<string, { configuration: CheckedConfiguration; bytes: number }>()
  private total = 0
  private readonly capacity: number
  private readonly maxBytes: number

  constructor(options: CheckedConfigurationsOptions = {}) {
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

  /**
   * The checked configuration of these bytes under this view (`'2.11'`; a newer release's report
   * has a key of its own, `'3.7+'`): remembered, or `check` run on them and kept when it accepts.
   */
  get(view: string, base64: string, check: () => Checked): CheckedConfiguration {
    const key = createHash('sha256').update(view).update('\0').update(base64).digest('base64')
    const known = this.accepted.get(key)
    if (known) {
      // Refreshed: a configuration reported every day stays while ones no longer sent age out.
      this.accepted.delete(key)
      this.accepted.set(key, known)
      return known.configuration
    }
    const checked = check()
    const configuration = {
      ...storedConfiguration(checked.schema, checked.configuration),
      dropped: checked.dropped ?? 0,
    }
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
