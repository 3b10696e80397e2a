import { expect } from 'vitest'
import { TelemetryError } from '../../src/telemetry/errors.js'

/** The TelemetryError a request fails with; the test fails if it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<TelemetryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(TelemetryError)
  return error as TelemetryError
}
