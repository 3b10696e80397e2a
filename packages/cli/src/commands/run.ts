import { openState, startTelemetry } from '@baqup/core'
import { createConsola } from 'consola'
import { configuredSwitches, endpoints, load, payloadOf, statePathOf } from '../inspection.js'
import { scheduleLines, stoppedLine } from '../schedule-text.js'
import { tool } from '../tool.js'

/** The scheduler in the foreground, as Baqup runs it, until SIGINT or SIGTERM. */
export async function run(configFlags: readonly string[], baqupVersion: string): Promise<void> {
  // Signals first: one that arrives during start-up still ends the command cleanly.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  const loaded = load(configFlags, process.env, baqupVersion)
  // Info level unless CONSOLA_LEVEL says otherwise: consola would hide the start-up lines under NODE_ENV=test or CI.
  const level = Number(process.env.CONSOLA_LEVEL ?? 3)
  const logger = createConsola({
    level: Number.isFinite(level) ? level : 3,
    stdout: process.stderr,
    stderr: process.stderr,
  })
  for (const warning of loaded.warnings) logger.warn(warning)
  const statePath = statePathOf(process.env)
  const telemetry = startTelemetry({
    config: configuredSwitches(loaded),
    origins: loaded,
    // Built when a report is due, never at start: nothing is read or written before the first run.
    payload: () => payloadOf(loaded, openState(statePath, logger).state.installationKey, baqupVersion).payload,
    version: baqupVersion,
    codename: tool.codename,
    logger,
    ...endpoints(process.env),
    statePath,
    env: process.env,
  })
  for (const line of scheduleLines(telemetry.nextRuns(), Date.now())) logger.info(line)
  // The telemetry timers never hold a process open; this command is that process, so it holds itself.
  const keepAlive = setInterval(() => {}, 2 ** 30)
  const signal = await stopped
  clearInterval(keepAlive)
  await telemetry.stop()
  logger.info(stoppedLine(signal))
}
