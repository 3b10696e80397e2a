import * as z from 'zod'
import { section } from './kinds.js'
import { exported } from './meta.js'
import { entryPointName } from './shapes.js'

/** The health-check endpoint. */
export const ping = exported(
  section({
    entryPoint: exported(entryPointName().default('baqup'), 'Entry point that serves /ping.'),
    manualRouting: exported(
      z.boolean().default(false),
      'Do not create the default /ping router; route ping@internal yourself.',
    ),
    terminatingStatusCode: exported(z.int().default(503), 'HTTP status code /ping answers while Baqup shuts down.'),
  }),
  'Serve a health-check endpoint at /ping that answers 200 while Baqup runs.',
)
