import { describe, expect, it } from 'vitest'
import { type PeriodicJob, schedulePeriodic } from '../../src/telemetry/schedule.js'
import { fakeClock, HOUR, MINUTE } from './fake-clock.js'

const DAY = 24 * HOUR
const limits = { firstDelayMs: 10 * MINUTE, intervalMs: DAY, jitterMs: 30 * MINUTE }

/** A job that records when it ran, with a ledger in memory. */
function recordingJob(clock: ReturnType<typeof fakeClock>, overrides: Partial<PeriodicJob> = {}) {
  const runs: number[] = []
  const skips: string[] = []
  let recorded: number | undefined
  const job: PeriodicJob = {
    ...limits,
    run: async () => {
      runs.push(clock.now())
    },
    lastRun: () => recorded,
    recordRun: (at) => {
      recorded = at
    },
    skipped: (reason) => skips.push(reason),
    ...overrides,
  }
  return { job, runs, skips }
}

describe('schedulePeriodic', () => {
  it('runs first 10 minutes after start, not before', async () => {
    const clock = fakeClock()
    const start = clock.now()
    const { job, runs } = recordingJob(clock)
    schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(10 * MINUTE - 1)
    expect(runs).toEqual([])
    await clock.advance(1)
    expect(runs).toEqual([start + 10 * MINUTE])
  })

  it.each([
    [0, DAY - 30 * MINUTE],
    [0.5, DAY],
    [0.999_999, DAY + 30 * MINUTE],
  ])('with random() = %s, waits %s ms between runs', async (random, wait) => {
    const clock = fakeClock()
    const { job, runs } = recordingJob(clock)
    schedulePeriodic(job, { ...clock, random: () => random })
    await clock.advance(10 * MINUTE + 3 * DAY)
    expect(runs.length).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < runs.length; i++) {
      expect((runs[i] as number) - (runs[i - 1] as number)).toBeCloseTo(wait, -1)
    }
  })

  it('keeps every wait within 24 h ± 30 min over many random draws', async () => {
    const clock = fakeClock()
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return (seed - 1) / 2147483646
    }
    const { job, runs } = recordingJob(clock)
    schedulePeriodic(job, { ...clock, random })
    await clock.advance(60 * DAY)
    const waits = runs.slice(1).map((at, i) => at - (runs[i] as number))
    expect(waits.length).toBeGreaterThan(55)
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(DAY - 30 * MINUTE)
      expect(wait).toBeLessThanOrEqual(DAY + 30 * MINUTE)
    }
    // The jitter is real: not every wait is the same.
    expect(new Set(waits).size).toBeGreaterThan(10)
  })

  it('skips a run that falls due while the previous one is still in flight', async () => {
    const clock = fakeClock()
    let inFlight = 0
    let most = 0
    let release: () => void = () => {}
    const { job, runs, skips } = recordingJob(clock, {
      run: () => {
        runs.push(clock.now())
        inFlight++
        most = Math.max(most, inFlight)
        return new Promise<void>((resolve) => {
          release = () => {
            inFlight--
            resolve()
          }
        })
      },
    })
    schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(10 * MINUTE + 3 * DAY)
    expect(runs).toHaveLength(1)
    expect(most).toBe(1)
    expect(skips).toEqual(Array(3).fill('the previous run is still in flight'))
    release()
    await clock.advance(DAY)
    expect(runs).toHaveLength(2)
  })

  it('waits for the last recorded run: first run at the later of start + 10 min and last + 24 h', async () => {
    const clock = fakeClock()
    const lastRun = clock.now() - 2 * HOUR
    const { job, runs } = recordingJob(clock, { lastRun: () => lastRun })
    schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(DAY)
    expect(runs).toEqual([lastRun + DAY])
  })

  it('ignores a last run in the future (the clock went back) instead of waiting for it', async () => {
    const clock = fakeClock()
    const { job, runs } = recordingJob(clock, { lastRun: () => clock.now() + 365 * DAY, recordRun: () => {} })
    schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(10 * MINUTE)
    expect(runs).toHaveLength(1)
  })

  it('survives a ledger that throws', async () => {
    const clock = fakeClock()
    const broken = () => {
      throw new Error('disk gone')
    }
    const { job, runs } = recordingJob(clock, { lastRun: broken, recordRun: broken })
    schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(10 * MINUTE + DAY)
    expect(runs).toHaveLength(2)
  })

  it('survives a run that throws synchronously or rejects', async () => {
    const clock = fakeClock()
    let calls = 0
    const { job } = recordingJob(clock, {
      run: () => {
        calls++
        if (calls === 1) throw new Error('sync')
        return Promise.reject(new Error('async'))
      },
    })
    schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(10 * MINUTE + 2 * DAY)
    expect(calls).toBe(3)
  })

  it('stop() clears the timer and aborts the run in flight', async () => {
    const clock = fakeClock()
    let aborted = false
    const { job, runs } = recordingJob(clock, {
      run: (signal) =>
        new Promise<void>((resolve) => {
          runs.push(clock.now())
          signal.addEventListener('abort', () => {
            aborted = true
            resolve()
          })
        }),
    })
    const scheduled = schedulePeriodic(job, { ...clock, random: () => 0.5 })
    await clock.advance(10 * MINUTE)
    expect(clock.pendingDelays()).toHaveLength(1)
    await scheduled.stop()
    expect(aborted).toBe(true)
    expect(clock.pendingDelays()).toEqual([])
    await clock.advance(10 * DAY)
    expect(runs).toHaveLength(1)
  })

  it('unrefs its timers', () => {
    let unrefs = 0
    const timers = {
      setTimeout: () => ({ unref: () => unrefs++ }),
      clearTimeout: () => {},
    }
    const { job } = recordingJob(fakeClock())
    schedulePeriodic(job, { now: Date.now, timers, random: Math.random })
    expect(unrefs).toBe(1)
  })

  describe('nextRunAt', () => {
    it('tells the first run, 10 minutes after start, and then each next one as the timer is set', async () => {
      const clock = fakeClock()
      const start = clock.now()
      const { job, runs } = recordingJob(clock)
      const scheduled = schedulePeriodic(job, { ...clock, random: () => 0.25 })
      expect(scheduled.nextRunAt()).toBe(start + 10 * MINUTE)
      await clock.advance(10 * MINUTE)
      expect(scheduled.nextRunAt()).toBe(start + 10 * MINUTE + DAY - 15 * MINUTE)
      await clock.advance(DAY)
      expect(runs).toEqual([start + 10 * MINUTE, start + 10 * MINUTE + DAY - 15 * MINUTE])
      await scheduled.stop()
      expect(scheduled.nextRunAt()).toBeUndefined()
    })

    it.each([0, 0.25, 0.999])(
      'with a run recorded 2 h ago and random() = %s, tells the time the run is put off to, and keeps it',
      async (random) => {
        const clock = fakeClock()
        const lastRun = clock.now() - 2 * HOUR
        let draws = 0
        const { job, runs } = recordingJob(clock, { lastRun: () => lastRun })
        const scheduled = schedulePeriodic(job, {
          ...clock,
          random: () => {
            draws++
            return random
          },
        })
        const told = scheduled.nextRunAt()
        expect(told).toBe(lastRun + DAY + (random * 2 - 1) * 30 * MINUTE)
        // Asking again draws nothing new: the answer stays the same.
        expect(scheduled.nextRunAt()).toBe(told)
        expect(draws).toBe(1)
        await clock.advance(DAY + HOUR)
        expect(runs).toEqual([told])
      },
    )
  })
})
