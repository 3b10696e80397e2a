/**
 * The installations already counted on a day. An installation counts once a day, by the first
 * report received from it that day: that report adds a row to `installation_days`, later ones
 * do not, so daily statistics count rows instead of deduplicating a million of them. A writer
 * reads a day's installations from the store the first time a batch touches that day, and keeps
 * the last few days it wrote.
 */
export class CountedDays {
  private readonly days = new Map<string, Set<string>>()

  constructor(
    private readonly load: (day: string) => Promise<string[]>,
    private readonly keep = 8,
  ) {}

  /** Loads the days a batch is about to write, forgetting the oldest others beyond `keep`. */
  async prepare(days: ReadonlySet<string>): Promise<void> {
    for (const day of days) {
      if (!this.days.has(day)) this.days.set(day, new Set(await this.load(day)))
    }
    for (const day of [...this.days.keys()].sort()) {
      if (this.days.size <= this.keep) break
      if (!days.has(day)) this.days.delete(day)
    }
  }

  has(day: string, installation: string): boolean {
    return this.days.get(day)?.has(installation) ?? false
  }

  /** After a commit that wrote them. */
  add(rows: readonly { day: string; installation: string }[]): void {
    for (const { day, installation } of rows) this.days.get(day)?.add(installation)
  }

  clear(): void {
    this.days.clear()
  }
}
