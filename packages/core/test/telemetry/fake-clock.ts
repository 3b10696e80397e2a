import type { Timers } from '../../src/telemetry/schedule.js'

/**
 * A clock the test moves by hand: `advance(ms)` fires, in order, every timer that falls due, and
 * lets pending promise callbacks and I/O callbacks run after each one.
 */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let current = start
  let sequence = 0
  const pending = new Map<number, { at: number; callback: () => void }>()
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = ++sequence
      pending.set(id, { at: current + Math.max(0, ms), callback })
      return { id, unref: () => undefined }
    },
    clearTimeout(handle) {
      pending.delete((handle as { id: number }).id)
    },
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve))

  async function advance(ms: number): Promise<void> {
    const target = current + ms
    // Timers fire from the event loop: whatever is already queued settles first.
    await settle()
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= target)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0]
      if (!due) break
      const [id, timer] = due
      pending.delete(id)
      current = timer.at
      timer.callback()
      await settle()
    }
    current = target
    await settle()
  }

  return {
    now: () => current,
    timers,
    advance,
    /** Delays (ms from now) of the timers still pending, soonest first. */
    pendingDelays: () => [...pending.values()].map((t) => t.at - current).sort((a, b) => a - b),
  }
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
