import type { OptionStats, Summary } from '../../stats/schemas.js'
import { summaryURL } from '../windows.js'

/** The public API, as the page reads it: the same numbers anyone can fetch. */

async function get<T>(url: string): Promise<T> {
  const answer = await fetch(url, { headers: { accept: 'application/json' } })
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`)
  return (await answer.json()) as T
}

export const summaryOf = (days: number) => get<Summary>(summaryURL(days))

export const optionOf = (path: string, days: number) =>
  get<OptionStats>(`/api/v1/options/${path.split('/').map(encodeURIComponent).join('/')}?days=${days}`)

export type { OptionStats, Summary }
