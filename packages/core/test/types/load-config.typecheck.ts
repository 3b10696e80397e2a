import { staticConfigSchema } from '@baqup/schemas'
import * as z from 'zod'
import { type LoadedConfig, loadConfig, type TelemetrySwitches } from '../../src/index.js'

/**
 * Checked by the TypeScript compiler, never run (see types.test.ts): each `@ts-expect-error`
 * must meet an error, and everything else must type-check.
 */

const loaded = loadConfig({ schema: staticConfigSchema })

// `effective` is the schema's output: the switches are there, defaults applied, with no cast.
export const switches: TelemetrySwitches = loaded.effective.global
export const checkNewVersion: boolean = loaded.effective.global.checkNewVersion
// @ts-expect-error an option that does not exist
export const misspelled = loaded.effective.global.checkNewVersions
// @ts-expect-error a section that is not switched on is absent
export const api: object = loaded.effective.api

// Any product's object schema types its own result the same way.
const product = z.object({ port: z.number().default(8080), name: z.string().optional() })
export const port: number = loadConfig({ schema: product }).effective.port
// @ts-expect-error an optional option may be absent
export const name: string = loadConfig({ schema: product }).effective.name

// A schema that does not parse into an object of options is refused.
// @ts-expect-error not an object schema
export const notAnObject = loadConfig({ schema: z.string() })

// A typed result is still a LoadedConfig, for code that takes any configuration.
export const untyped: LoadedConfig = loaded
// `config` stays as written, which the schema has not checked yet.
// @ts-expect-error not typed by the schema
export const written: boolean = loaded.config.global.checkNewVersion
