import type { Window } from './queries.js'

/** Days the API accepts: a window of 1 to 400 days (the default retention), 30 when not given. */
export const DEFAULT_DAYS = 30
export const MAX_DAYS = 400

const DAY_MS = 86_400_000

export const dayOf = (date: Date) => date.toISOString().slice(0, 10)

/** The last `days` days up to `now`'s day (UTC), today so far included. */
export function lastDays(days: number, now: Date): Window {
  return { from: dayOf(new Date(now.getTime() - (days - 1) * DAY_MS)), to: dayOf(now) }
}

/** The `days` query parameter, or a message saying what it must be. */
export function parseDays(raw: unknown): number | string {
  if (raw === undefined) return DEFAULT_DAYS
  const days = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN
  return days >= 1 && days <= MAX_DAYS ? days : `days: expected a whole number from 1 to ${MAX_DAYS}`
}
