import type { Logger as ClientLogger } from '@clickhouse/client'
import type { Logger } from './log.js'

/**
 * A store outage as a few log lines rather than one per request, per retry or per socket: the
 * first failure of a burst is logged with its problem, the others are counted, a line with the
 * count follows every `everyMs` while the burst lasts (on the next failure, no timer), and one
 * line with the total ends it at the first success. The burst's lines are errors; its end is a
 * warning (the store answers again, the failures are counted in it).
 */

export interface BurstLog {
  /** A failure: `source` says whose (`commit`, `clickhouse-client`), `problem` what, first line only. */
  failed(source: string, problem: string): void
  /** A success: ends the burst, if one is under way. */
  succeeded(): void
}

export interface BurstOptions {
  now?: () => number
  everyMs?: number
}

const firstLine = (text: string) => text.split('\n')[0]?.slice(0, 200) ?? ''

export function burstLog(
  log: Logger,
  event: string,
  { now = Date.now, everyMs = 60_000 }: BurstOptions = {},
): BurstLog {
  let failures: Record<string, number> = {}
  let total = 0
  let startedAt = 0
  let saidAt = 0
  return {
    failed(source, problem) {
      const at = now()
      failures[source] = (failures[source] ?? 0) + 1
      total++
      if (total === 1) {
        startedAt = saidAt = at
        log.error({ event, burst: 'started', source, problem: firstLine(problem) })
      } else if (at - saidAt >= everyMs) {
        saidAt = at
        log.error({
          event,
          burst: 'continues',
          failures: { ...failures },
          seconds: Math.round((at - startedAt) / 1000),
        })
      }
    },
    succeeded() {
      if (total === 0) return
      log.warn({ event, burst: 'ended', failures, seconds: Math.round((now() - startedAt) / 1000) })
      failures = {}
      total = 0
    },
  }
}

/**
 * The ClickHouse client's `log.LoggerClass`: its warnings and errors join the store's failure
 * burst; its trace, debug and info lines are dropped. Never the client's arguments (they may
 * hold a query), only its message and the error's first line.
 */
export function clickhouseLogger(burst: BurstLog): new () => ClientLogger {
  const fail = ({ message, err }: { message: string; err?: Error }) =>
    burst.failed('clickhouse-client', err ? `${message}: ${err.message}` : message)
  return class implements ClientLogger {
    trace() {}
    debug() {}
    info() {}
    warn = fail
    error = fail
  }
}
