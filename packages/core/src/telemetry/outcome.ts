/**
 * What became of a request whose bytes may have left the machine. Every such request ends with
 * one of these, and a usage report is entered in the audit trail with it.
 */
export const EXCHANGE_OUTCOMES = {
  answered: 'answered',
  'redirect-refused': 'redirect refused, not followed',
  'too-large': 'answer too large, not read',
  timeout: 'no complete answer in time',
  cancelled: 'cancelled while in flight',
  'connection-lost': 'connection lost before a complete answer',
} as const

export type ExchangeOutcome = keyof typeof EXCHANGE_OUTCOMES

export const isExchangeOutcome = (value: unknown): value is ExchangeOutcome =>
  typeof value === 'string' && Object.hasOwn(EXCHANGE_OUTCOMES, value)

/**
 * Filled in by the transport as an exchange goes: `sent` turns true the moment a request may be
 * written to a connection (and never back), `url` and `status` follow the last request written.
 */
export interface ExchangeTrace {
  sent: boolean
  url?: string
  status?: number
  /** The `Retry-After` header of that answer, as the server sent it (see retry.ts). */
  retryAfter?: string
  outcome?: ExchangeOutcome
}

export const newTrace = (): ExchangeTrace => ({ sent: false })
