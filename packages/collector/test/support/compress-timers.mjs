// Loaded with `node --import` into a spawned `baqup-telemetry run`: its schedule (first run 10
// minutes after start, then daily) passes a thousand times faster, so that a test sees real runs
// against a real collector. Only waits of a minute or more are compressed: request time-outs and
// everything else keep their real length. Date.now() is untouched.
const COMPRESSION = 1000
const LONG_WAIT_MS = 60_000
const realSetTimeout = globalThis.setTimeout

globalThis.setTimeout = (callback, ms, ...args) =>
  realSetTimeout(callback, typeof ms === 'number' && ms >= LONG_WAIT_MS ? ms / COMPRESSION : ms, ...args)
