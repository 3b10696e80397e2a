import { DEFAULT_DAYS, WINDOWS } from '../stats/public-windows.js'

/** The windows the dashboard offers (the public ones), and the one it shows when `?days=` names none of them. */
export { WINDOWS }
export const DEFAULT_WINDOW = DEFAULT_DAYS

/** The window a `?days=` value asks for: the page and the server that preloads its data agree on it. */
export function windowOf(days: unknown): number {
  const wanted = Number(days)
  return (WINDOWS as readonly number[]).includes(wanted) ? wanted : DEFAULT_WINDOW
}

export const summaryURL = (days: number) => `/api/v1/summary?days=${days}`
