/** Timer functions, injectable so tests drive a clock of their own. Handles are `unref`'d when they can be. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface Clock {
  now: () => number
  timers: Timers
  /** Uniform in [0, 1), for the jitter. */
  random: () => number
}

export interface PeriodicJob {
  /** One run; must settle once `signal` aborts. Its failures are its own to report. */
  run(signal: AbortSignal): Promise<void>
  /** When the last run of this job started, in any process (from the state file); undefined if never. */
  lastRun(): number | undefined
  /** Records a run's start, before the run, so that a crash mid-run still counts. */
  recordRun(at: number): void
  /** Told why a due run did not happen. */
  skipped?(reason: string): void
  firstDelayMs: number
  intervalMs: number
  jitterMs: number
}

export interface ScheduledJob {
  /** Clears the timer, aborts a run in flight and waits for it to settle. Never rejects. */
  stop(): Promise<void>
}

function attempt<T>(action: () => T): T | undefined {
  try {
    return action()
  } catch {
    return undefined
  }
}

/**
 * Runs `job` first `firstDelayMs` after now — or later, `intervalMs` ± jitter after its last run
 * in any process, so restarts do not repeat it — then every `intervalMs` ± `jitterMs`. A run due
 * while the previous one is still in flight is skipped; so is one due less than
 * `intervalMs - jitterMs` after the last recorded run (another process ran it meanwhile).
 */
export function schedulePeriodic(job: PeriodicJob, clock: Clock): ScheduledJob {
  const { now, timers } = clock
  const minimumGap = job.intervalMs - job.jitterMs
  let timer: unknown
  let stopped = false
  let lastHere: number | undefined
  let inFlight: { controller: AbortController; settled: Promise<void> } | undefined

  const nextWait = () => job.intervalMs + (clock.random() * 2 - 1) * job.jitterMs

  /** The last run, here or recorded; a time in the future (the clock went back) is ignored. */
  const lastRun = (at: number) =>
    [lastHere, attempt(() => job.lastRun())]
      .filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t <= at)
      .reduce<number | undefined>((latest, t) => (latest === undefined || t > latest ? t : latest), undefined)

  const arm = (dueAt: number) => {
    if (stopped) return
    const delay = Math.min(Math.max(dueAt - now(), 0), job.intervalMs + job.jitterMs)
    timer = timers.setTimeout(fire, delay)
    ;(timer as { unref?: () => void } | undefined)?.unref?.()
  }

  function fire() {
    timer = undefined
    if (stopped) return
    const at = now()
    if (inFlight) {
      job.skipped?.('the previous run is still in flight')
      return arm(at + nextWait())
    }
    const last = lastRun(at)
    if (last !== undefined && at - last < minimumGap) {
      job.skipped?.(`the last run was ${Math.round((at - last) / 60_000)} min ago`)
      return arm(last + nextWait())
    }
    lastHere = at
    attempt(() => job.recordRun(at))
    arm(at + nextWait())
    const controller = new AbortController()
    const settled = Promise.resolve()
      .then(() => job.run(controller.signal))
      .catch(() => {})
      .finally(() => {
        inFlight = undefined
      })
    inFlight = { controller, settled }
  }

  arm(now() + job.firstDelayMs)
  return {
    async stop() {
      stopped = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
      inFlight?.controller.abort()
      await inFlight?.settled
    },
  }
}
