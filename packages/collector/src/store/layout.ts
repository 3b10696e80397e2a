/**
 * Stores written before configurations were kept once (each report with its own option rows) have
 * a `configuration` column in `reports`. Their rows are not read by this version: opening one is
 * an error that says so, rather than a store that half works.
 */
export function refuseEarlierLayout(reportColumns: readonly string[]): void {
  if (reportColumns.includes('configuration_id')) return
  throw new Error(
    'store: written by an earlier version of baqup-collector (a configuration per report); ' +
      'export its days with that version, then start this one on a new store',
  )
}
