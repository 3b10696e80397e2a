/** Small value helpers shared by the walks over configurations and the state file. */

/** A plain object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Marks a value that is left out of a walk's output. */
export const OMIT: unique symbol = Symbol('omit')
