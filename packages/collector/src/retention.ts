import { type Logger, problemOf } from './server/log.js'
import type { Store } from './store/store.js'

const DAY_MS = 86_400_000
const dayBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10)

export interface RetentionOptions {
  retention: number
  ipRetention: number
  now?: () => Date
  log: Logger
}

/** Runs the retention job now, then once a day; the timer does not keep the process alive. */
export function startRetention(
  store: Store,
  { retention, ipRetention, now = () => new Date(), log }: RetentionOptions,
) {
  const run = async () => {
    try {
      const today = now()
      await store.applyRetention({ before: dayBefore(today, retention), ipBefore: dayBefore(today, ipRetention) })
    } catch (error) {
      log.error({ event: 'retention-failed', problem: problemOf(error) })
    }
  }
  const first = run()
  const timer = setInterval(run, DAY_MS)
  timer.unref()
  return {
    first,
    stop: () => clearInterval(timer),
  }
}
