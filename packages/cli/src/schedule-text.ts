import { OPERATION_NAMES, TELEMETRY_LIMITS, type TelemetryOperation } from '@baqup/core'

const two = (n: number) => String(n).padStart(2, '0')

/** A local clock time, with the date when it is not today's. */
export function clockTime(at: number, now: number): string {
  const date = new Date(at)
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  if (date.toDateString() === new Date(now).toDateString()) return time
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}`
}

/** `10 minutes`, `23 h 50 min`: how long from now, rounded to what matters. */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} seconds`
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

const hours = (ms: number) => ms / 3_600_000
const EVERY = `then every ${hours(TELEMETRY_LIMITS.intervalMs)} h (± ${TELEMETRY_LIMITS.jitterMs / 60_000} min)`

/** What `run` says of its schedule: when each mechanism first runs, or that nothing will. */
export function scheduleLines(runs: readonly { operation: TelemetryOperation; at: number }[], now: number): string[] {
  if (runs.length === 0) return ['nothing scheduled: the version check and the usage report are both off']
  return runs.map(
    ({ operation, at }) =>
      `${OPERATION_NAMES[operation]}: first run at ${clockTime(at, now)} (in ${duration(at - now)}), ${EVERY}`,
  )
}

/** What `run` says when a signal ends it, once the timers are cleared and nothing is in flight. */
export const stoppedLine = (signal: string) => `stopped: ${signal} received; runs cancelled, nothing in flight`
