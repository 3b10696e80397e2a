import { createHash } from 'node:crypto'

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

export const configurationId = (configuration: string) =>
  key64(createHash('sha256').update(configuration).digest('hex'))

export class StoredConfigurations {
  private readonly stored = new Map<string, number>()

  /**
   * @param forgetAfterMs How long an id counts as stored. Where other writers may delete
   * configurations no report uses any more (retention on a shared engine), an id is trusted only
   * for less than the shortest retention, so it is written again rather than left dangling.
   */
  constructor(private readonly forgetAfterMs = Number.POSITIVE_INFINITY) {}

  has(id: string, now = Date.now()): boolean {
    const at = this.stored.get(id)
    return at !== undefined && now - at < this.forgetAfterMs
  }

  /** After a commit that wrote them. */
  add(ids: Iterable<string>, now = Date.now()): void {
    for (const id of ids) this.stored.set(id, now)
  }

  clear(): void {
    this.stored.clear()
  }
}
