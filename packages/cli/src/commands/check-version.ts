import { checkNewVersion, createTelemetryClient, versionCheckSkipReason } from '@baqup/core'
import { endpoints } from '../inspection.js'
import { UsageError } from '../print.js'
import { product } from '../product.js'
import { usableEndpoint } from '../usable-endpoint.js'

export interface CheckVersionFlags {
  current?: string
  updateUrl?: string
}

/** Asks the update server now, whatever the configuration says: the operator asked for it. */
export async function checkVersion(flags: CheckVersionFlags): Promise<void> {
  const version = flags.current === undefined ? product.version : String(flags.current)
  const skipped = versionCheckSkipReason(version)
  if (skipped && flags.current !== undefined) throw new UsageError(`--current: ${skipped}`)
  const { updateURL } = endpoints(process.env, { updateURL: flags.updateUrl })
  usableEndpoint(String(updateURL), flags.updateUrl === undefined ? 'BAQUP_TELEMETRY_UPDATE_URL' : '--update-url')
  const result = await checkNewVersion({ version, updateURL, client: createTelemetryClient({ env: process.env }) })
  if (result.skipped) process.stdout.write(`version check skipped: ${result.skipped}\n`)
  else if (result.newer) process.stdout.write(`a newer release is available: ${result.newest} (running ${version})\n`)
  else process.stdout.write(`up to date: no release newer than ${version}\n`)
}
