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
  /**
   * When the next run will happen: the time the timer is set for, or later when the last run
   * recorded (in any process) makes that one too early. Undefined once stopped. Reads the ledger.
   */
  nextRunAt(): number | undefined
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
  let dueAt: number | undefined
  let stopped = false
  let lastHere: number | undefined
  let inFlight: { controller: AbortController; settled: Promise<void> } | undefined

  /** The next wait, drawn once: the time `nextRunAt` tells is the time kept. */
  let drawn: number | undefined
  const peekWait = () => {
    drawn ??= job.intervalMs + (clock.random() * 2 - 1) * job.jitterMs
    return drawn
  }
  const nextWait = () => {
    const wait = peekWait()
    drawn = undefined
    return wait
  }

  /** The last run, here or recorded; a time in the future (the clock went back) is ignored. */
  const lastRun = (at: number) =>
    [lastHere, attempt(() => job.lastRun())]
      .filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t <= at)
      .reduce<number | undefined>((latest, t) => (latest === undefined || t > latest ? t : latest), undefined)

  /** When a run due at `at` really happens: put off to a wait after the last run when that was too recent. */
  const runTimeOf = (at: number) => {
    const last = lastRun(at)
    return last !== undefined && at - last < minimumGap ? last + peekWait() : at
  }

  const arm = (at: number) => {
    if (stopped) return
    const armedAt = now()
    const delay = Math.min(Math.max(at - armedAt, 0), job.intervalMs + job.jitterMs)
    dueAt = armedAt + delay
    timer = timers.setTimeout(fire, delay)
    ;(timer as { unref?: () => void } | undefined)?.unref?.()
  }

  function fire() {
    timer = undefined
    dueAt = undefined
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
    nextRunAt() {
      return stopped || dueAt === undefined ? undefined : runTimeOf(dueAt)
    },
    async stop() {
      stopped = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
      dueAt = undefined
      inFlight?.controller.abort()
      await inFlight?.settled
    },
  }
}
