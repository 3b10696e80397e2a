/** The windows the dashboard offers, and the one it shows when `?days=` names none of them. */
export const WINDOWS = [7, 30, 90] as const
export const DEFAULT_WINDOW = 30

/** The window a `?days=` value asks for: the page and the server that preloads its data agree on it. */
export function windowOf(days: unknown): number {
  const wanted = Number(days)
  return (WINDOWS as readonly number[]).includes(wanted) ? wanted : DEFAULT_WINDOW
}

export const summaryURL = (days: number) => `/api/v1/summary?days=${days}`
