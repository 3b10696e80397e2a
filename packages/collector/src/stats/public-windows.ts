/**
 * The public windows: 7, 30, 90 and 365 days ending with the last finished UTC day (yesterday).
 * Today is never published: its numbers still move, and a window that ends with it would show,
 * against the same window an hour later, who reported in between. A module of its own, with no
 * dependency: the dashboard's script reads it too.
 */
export const WINDOWS = [7, 30, 90, 365] as const
export type WindowDays = (typeof WINDOWS)[number]
export const DEFAULT_DAYS: WindowDays = 30
