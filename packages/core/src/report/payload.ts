/** The body of the usage report, exactly as the collector receives it. */
export interface UsagePayload {
  readonly version: string
  readonly codename: string
  readonly buildDate: string
  /** Base64 of the anonymized configuration's JSON. */
  readonly configuration: string
  /** The keyed configuration hash (see `configHash`). */
  readonly hash: string
}

export interface BuildInfo {
  readonly version: string
  readonly codename: string
  readonly buildDate: string
}

/** Builds the report body; `inspect` shows it and the sender sends it, so both are the same bytes. */
export function buildPayload(info: BuildInfo, anonymized: Record<string, unknown>, hash: string): UsagePayload {
  return {
    version: info.version,
    codename: info.codename,
    buildDate: info.buildDate,
    configuration: Buffer.from(JSON.stringify(anonymized), 'utf8').toString('base64'),
    hash,
  }
}
