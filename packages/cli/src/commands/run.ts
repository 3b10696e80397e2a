import { startTelemetry } from '@baqup/core'
import { createConsola } from 'consola'
import { endpoints, inspectConfiguration } from '../inspection.js'
import { product } from '../product.js'

/** The scheduler in the foreground, as Baqup runs it, until SIGINT or SIGTERM. */
export async function run(configFlags: readonly string[]): Promise<void> {
  const inspection = inspectConfiguration({ configFlags, env: process.env })
  // Level 3 (info) always: consola would otherwise hide the start-up lines under NODE_ENV=test or CI.
  const logger = createConsola({ level: 3, stdout: process.stderr, stderr: process.stderr })
  for (const warning of inspection.loaded.warnings) logger.warn(warning)
  const global = inspection.loaded.effective.global as { checkNewVersion: boolean; sendAnonymousUsage: boolean }
  // Listen for the signals before the startup lines go out: whoever reads them may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  // The telemetry timers never hold a process open; this command is that process, so it holds itself.
  const keepAlive = setInterval(() => {}, 2 ** 30)
  const telemetry = startTelemetry({
    config: { checkNewVersion: global.checkNewVersion, sendAnonymousUsage: global.sendAnonymousUsage },
    payload: () => inspection.payload,
    version: product.version,
    codename: product.codename,
    logger,
    ...endpoints(process.env),
    statePath: inspection.statePath,
    env: process.env,
    docsURL: product.docsURL,
  })
  await stopped
  clearInterval(keepAlive)
  await telemetry.stop()
}
