/** The part of a consola instance the runtime uses. */
export interface TelemetryLogger {
  info(message: string): void
  warn(message: string): void
  debug(message: string): void
}

/** A logger that never throws: a failing reporter must not take the host process down from a timer. */
export function safeLogger(logger: TelemetryLogger): TelemetryLogger {
  const guard = (level: keyof TelemetryLogger) => (message: string) => {
    try {
      logger[level](message)
    } catch {
      // Nowhere left to report it.
    }
  }
  return { info: guard('info'), warn: guard('warn'), debug: guard('debug') }
}

/** The first failure in a row is a warning, repeats are at debug level until a run succeeds. */
export function failureLog(logger: TelemetryLogger) {
  let inARow = 0
  return {
    failed(message: string) {
      inARow++
      if (inARow === 1) logger.warn(message)
      else logger.debug(`${message} (${inARow} failures in a row)`)
    },
    succeeded() {
      inARow = 0
    },
  }
}
