import * as z from 'zod'

/**
 * A UTC day, `YYYY-MM-DD`: Zod's ISO date, the collector's one check of a day wherever one comes
 * in (a route, a flag, a report's build date) or goes into a query. A day that does not exist
 * (`2025-02-30`, `2025-02-29`) is refused everywhere alike, never rolled over to the next month.
 */
export const daySchema = z.iso.date()

export const isDay = (value: unknown): value is string => daySchema.safeParse(value).success

/** The day, or an error: for the days the stores put in SQL (no query parameters on ClickHouse 18.16). */
export function checkedDay(value: string): string {
  if (!isDay(value)) throw new Error(`not a day: ${JSON.stringify(value)}`)
  return value
}
