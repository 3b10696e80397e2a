/** The stable refusal codes of `POST /`, with their HTTP status. Policy as data. */
export const REFUSALS = {
  /** The body is not JSON. */
  'bad-json': 400,
  /** Not exactly the five fields, or one of them has the wrong type or form. */
  'bad-field': 400,
  /** More than the body limit: answered before the rest is read. */
  'too-large': 413,
  /** Not `application/json`. */
  'bad-content-type': 415,
  /** The configuration does not validate against the schema. */
  'bad-configuration': 422,
  /** The configuration is not a fixed point of the anonymizer. */
  'not-anonymized': 422,
  /** `version` is neither `dev` nor a release the collector knows. */
  'unknown-version': 422,
  /** The report's network has brought its most new installations for the day (`--max-installations-per-network`). */
  'rate-limited': 429,
} as const

export type RefusalCode = keyof typeof REFUSALS

export class Refused extends Error {
  override readonly name = 'Refused'
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Schema paths, never values. */
    readonly paths?: readonly string[],
  ) {
    super(message)
  }

  get status(): number {
    return REFUSALS[this.code]
  }

  /** Seconds the client is asked to wait (`Retry-After`), for a refusal that passes with time. */
  retryAfter?: number

  body() {
    return { error: { code: this.code, message: this.message, ...(this.paths && { paths: this.paths }) } }
  }
}
