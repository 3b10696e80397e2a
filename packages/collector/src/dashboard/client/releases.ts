/** Since and until which release an option exists, as the explorer says it: `In Baqup 3.0 and later.` */
export function releasesOf(option: { since: string | null; until: string | null }): string {
  if (!option.since) return ''
  if (option.until) return `In Baqup ${option.since} to ${option.until} (removed after ${option.until}).`
  return `In Baqup ${option.since} and later.`
}
