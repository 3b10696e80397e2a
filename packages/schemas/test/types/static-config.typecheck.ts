import * as z from 'zod'
import { exported, masked, type StaticConfig } from '../../src/index.js'

/**
 * Checked by the TypeScript compiler, never run (see types.test.ts): each `@ts-expect-error`
 * must meet an error, and everything else must type-check.
 */

// A configuration as written sets only what it needs: every option is optional.
export const minimal: StaticConfig = { global: { checkNewVersion: false } }
export const nothing: StaticConfig = {}
export const documented: StaticConfig = {
  entryPoints: { web: { address: ':80' } },
  api: {},
  providers: { docker: { endpoint: 'tcp://10.10.10.10:2375', exposedByDefault: true } },
  log: { level: 'DEBUG' },
}

// @ts-expect-error an option that does not exist
export const misspelled: StaticConfig = { global: { checkNewVersions: false } }
// @ts-expect-error a value of the wrong type
export const wrongType: StaticConfig = { global: { checkNewVersion: 'no' } }

// The helpers say what they return: optional, unless a default or optional is already there.
export const optionalString: z.ZodOptional<z.ZodString> = exported(z.string(), 'A name.')
export const keptDefault: z.ZodDefault<z.ZodString> = masked(z.string().default('baqup'), 'A name.')
export const keptOptional: z.ZodOptional<z.ZodNumber> = masked(z.number().optional(), 'A number.')
// @ts-expect-error the optional the helper adds is not hidden
export const hiddenOptional: z.ZodString = exported(z.string(), 'A name.')

// Every `.meta()` call is checked against the option metadata.
export const typedKind = z.string().meta({ kind: 'duration', aliases: ['wait'] })
// @ts-expect-error a kind the walk does not know
export const unknownKind = z.string().meta({ kind: 'durations' })
// @ts-expect-error help is text
export const numericHelp = z.string().meta({ help: 42 })
