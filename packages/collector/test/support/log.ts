import { createLogger, type Logger, type LogLevel } from '../../src/server/log.js'

export type LogLine = { level: string; time: string; event?: string; [field: string]: unknown }

/** The collector's logger (its serializers, its fields) writing into an array the test reads. */
export function capturedLog(level: LogLevel = 'info'): {
  logger: Logger
  lines: LogLine[]
  /** The lines without `level` and `time`: each event and its fields. */
  events: () => Record<string, unknown>[]
} {
  const lines: LogLine[] = []
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } })
  return { logger, lines, events: () => lines.map(({ level: _level, time: _time, ...event }) => event) }
}
