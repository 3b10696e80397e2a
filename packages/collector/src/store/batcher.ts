import type { Batch } from './store.js'

/**
 * Group commit: requests add their rows and wait; one write at a time takes what is waiting (up
 * to `maxReports` reports), so that one commit serves many requests, and each request learns the
 * fate of the commit that carried its rows.
 */

interface Entry {
  rows: Partial<Batch>
  resolve: () => void
  reject: (error: unknown) => void
}

export interface BatchObserver {
  committed(reports: number, seconds: number): void
  failed(error: unknown): void
}

export class GroupCommitter {
  private queue: Entry[] = []
  private running: Promise<void> | undefined

  constructor(
    private readonly write: (batch: Batch) => Promise<void>,
    private readonly maxReports: number,
    private readonly observer?: BatchObserver,
  ) {}

  /** Resolves once the rows are committed; rejects with the write's error. */
  add(rows: Partial<Batch>): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.queue.push({ rows, resolve, reject }))
    this.kick()
    return done
  }

  private kick(): void {
    if (this.running || this.queue.length === 0) return
    this.running = this.commitNext().finally(() => {
      this.running = undefined
      this.kick()
    })
  }

  /** The entries of the next commit: at least one, then as many as fit in `maxReports`. */
  private take(): Entry[] {
    let reports = 0
    let count = 0
    for (const entry of this.queue) {
      const size = entry.rows.reports?.length ?? 0
      if (count > 0 && reports + size > this.maxReports) break
      reports += size
      count++
    }
    return this.queue.splice(0, count)
  }

  private async commitNext(): Promise<void> {
    const entries = this.take()
    const batch: Batch = {
      reports: entries.flatMap((entry) => entry.rows.reports ?? []),
      versionChecks: entries.flatMap((entry) => entry.rows.versionChecks ?? []),
      refusals: entries.flatMap((entry) => entry.rows.refusals ?? []),
    }
    const started = performance.now()
    try {
      await this.write(batch)
      this.observer?.committed(batch.reports.length, (performance.now() - started) / 1000)
      for (const entry of entries) entry.resolve()
    } catch (error) {
      this.observer?.failed(error)
      for (const entry of entries) entry.reject(error)
    }
  }

  /** Waits until everything added so far has been committed (or has failed). */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      this.kick()
      await this.running
    }
  }
}
