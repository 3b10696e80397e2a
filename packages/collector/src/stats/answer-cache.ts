/**
 * Public answers kept on the server for as long as clients are told to keep them (`max-age`):
 * a page opened by many people costs the store one query per window, and identical requests that
 * arrive together share one computation. A failed computation is not kept. The oldest entries
 * go first past `capacity`.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { expires: number; answer: Promise<unknown> }>()

  constructor(
    private readonly lifetimeMs: number,
    private readonly capacity = 256,
    private readonly clock: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock()
    const kept = this.entries.get(key)
    if (kept && kept.expires > now) return kept.answer as Promise<T>
    const answer = compute()
    this.entries.delete(key)
    this.entries.set(key, { expires: now + this.lifetimeMs, answer })
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) this.entries.delete(key)
    })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break
      this.entries.delete(oldest)
    }
    return answer
  }
}
