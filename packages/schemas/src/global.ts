import * as z from 'zod'
import { group, withParent } from './kinds.js'
import { exported } from './meta.js'

/** Instance-wide switches, among them the two telemetry mechanisms. */
export const global = exported(
  withParent(
    group({
      checkNewVersion: exported(
        z.boolean().default(true),
        'Check once a day whether a newer Baqup release exists and log a warning if so.',
      ),
      sendAnonymousUsage: exported(
        z.boolean().default(false),
        'Send anonymous usage statistics once a day: version, keyed hash and masked configuration.',
      ),
      notAppendXForwardedFor: exported(
        z.boolean().default(false),
        'Do not append the client IP to X-Forwarded-For on any entry point.',
      ),
    }),
  ),
  'Settings of the whole instance: version check, usage statistics, X-Forwarded-For.',
)
