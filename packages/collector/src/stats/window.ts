import * as z from 'zod'
import { daySchema } from '../day.js'
import { DEFAULT_DAYS, WINDOWS, type WindowDays } from './public-windows.js'
import type { Window } from './queries.js'

export { DEFAULT_DAYS, WINDOWS, type WindowDays }

const DAY_MS = 86_400_000

export const dayOf = (date: Date) => date.toISOString().slice(0, 10)

/** The last finished UTC day: yesterday. */
export const lastFinishedDay = (now: Date) => dayOf(new Date(now.getTime() - DAY_MS))

/** A day that is over (UTC): only those are published. */
export const isFinished = (day: string, now: Date) => day < dayOf(now)

/** The `days` days ending with the last finished day. */
export function lastDays(days: number, now: Date): Window {
  const to = lastFinishedDay(now)
  return { from: dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS)), to }
}

/** Seconds until the next UTC day starts: until then, every window's answer stays the same. */
export function secondsToNextDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000))
}

const DAYS_MESSAGE = `expected one of ${WINDOWS.join(', ')} (days ending with the last finished UTC day)`

/**
 * The query of the window routes (`?days=N`): what they validate with and what the OpenAPI
 * document shows, one schema. `days` is the decimal text of a public window (`3e1`, ` 7` and
 * `0x1e` are not).
 */
export const windowQuerySchema = z.object({
  days: z
    .preprocess(
      (raw) => (typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : raw),
      z.literal(WINDOWS, { error: DAYS_MESSAGE }),
    )
    .default(DEFAULT_DAYS)
    .describe(
      `the N days ending with the last finished UTC day (yesterday); today is never published (default ${DEFAULT_DAYS})`,
    ),
})

/** The path parameter of `/api/v1/options/{path}`: the route looks it up in the catalog of options. */
export const optionPathSchema = z.object({ path: z.string().min(1).describe('as `flags` prints it, URL-encoded') })

/** The path parameter of `/data/daily/{day}.json` and `.csv`: a finished UTC day. */
export const dailyFileSchema = z.object({ day: daySchema.describe('a finished UTC day') })

/** The `days` query parameter, or a message saying what it must be. */
export function parseDays(query: unknown): WindowDays | string {
  const parsed = windowQuerySchema.safeParse(query ?? {})
  if (parsed.success) return parsed.data.days
  const [issue] = parsed.error.issues
  return `${issue?.path.join('.') || 'query'}: ${issue?.message ?? DAYS_MESSAGE}`
}
