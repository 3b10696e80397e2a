/** A data file of the address lookups that cannot be used: missing, unreadable, or not in its format. */
export class GeoDataError extends Error {
  override name = 'GeoDataError'
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: ErrorOptions,
  ) {
    super(`IP data file ${file}: ${problem}`, options)
  }
}
