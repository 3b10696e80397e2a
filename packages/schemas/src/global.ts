import { z } from 'zod'
import { group, withParent } from './kinds.js'
import { exported } from './meta.js'

/** global */
export const global = exported(
  withParent(
    group({
      checkNewVersion: exported(z.boolean().default(true), 'TODO'),
      sendAnonymousUsage: exported(z.boolean().default(false), 'TODO'),
      notAppendXForwardedFor: exported(z.boolean().default(false), 'TODO'),
    }),
  ),
  'TODO',
)
