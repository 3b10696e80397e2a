import * as z from 'zod'
import { daySchema } from '../day.js'

/**
 * Every answer of the statistics API, as Zod schemas: the routes' contract and the OpenAPI
 * document's source. Parsing an answer drops what is not here (the networks the threshold read).
 */

const count = z.number().int().min(0)
const day = daySchema
const folded = z
  .object({
    buckets: count.describe(
      'rows left out: under the threshold, or left out so that no row under it can be computed from the others',
    ),
  })
  .describe('what the privacy threshold left out of a list')

const installations = count.describe('distinct installations')
const versionRow = z.object({ version: z.string(), installations })
const checkRow = z.object({
  version: z.string(),
  checks: count.describe('version checks (requests to the update server)'),
  networks: count.describe('distinct networks (/24 or /48) that checked; the threshold applies to it'),
})
/** A country as published: an ISO 3166-1 alpha-2 code from the closed set, or `unknown`. */
const country = z
  .string()
  .describe(
    'ISO 3166-1 alpha-2 code of the country the addresses were in, looked up as the request arrived (the address is not kept); unknown: not found, or the collector looks up none (--geo=off)',
  )
const countryRow = z.object({ country, installations })
const countryCheckRow = z.object({ country, checks: checkRow.shape.checks, networks: checkRow.shape.networks })
const bucketRow = z.object({
  bucket: z.string().describe('entries per installation: 0, 1 … 4, 5-9, 10+'),
  installations,
})

/** What every answer says about the threshold it was published under. */
const thresholdFields = {
  minCount: count.describe('distinct installations behind any published number'),
  minNetworks: count.describe('distinct networks (/24 or /48) those installations reported from'),
  networks: z
    .enum(['counted', 'unknown'])
    .describe(
      'unknown: the collector keeps no network (--ip=none), so the network rule cannot hold and nothing is published unless minNetworks is 0',
    ),
}

/** The published aggregates shared by the summary and the daily files. */
const aggregates = {
  ...thresholdFields,
  installations: installations.nullable().describe('distinct installations; null when under the threshold'),
  versions: z.array(versionRow),
  versionChecks: z.array(checkRow),
  countries: z.array(countryRow).describe('installations by the country their reports came from, most first'),
  versionChecksByCountry: z
    .array(countryCheckRow)
    .describe('version checks by the country they came from, counted by networks like every version check'),
  providers: z
    .array(
      z.object({ name: z.string().describe('a section or feature switch: providers.docker, api…'), installations }),
    )
    .describe('installations using each provider, section or experimental switch'),
  options: z
    .array(z.object({ path: z.string(), installations }))
    .describe('installations setting each option path, most used first'),
  entryPoints: z.array(bucketRow),
  certificateResolvers: z.array(bucketRow),
  challenges: z.array(
    z.object({ type: z.string().describe('httpChallenge, tlsChallenge, dnsChallenge'), installations }),
  ),
}

const summaryLists = [
  'installationsByDay',
  'versions',
  'versionsByDay',
  'versionChecks',
  'versionChecksByDay',
  'countries',
  'versionChecksByCountry',
  'providers',
  'options',
  'entryPoints',
  'certificateResolvers',
  'challenges',
] as const

export const summarySchema = z
  .object({
    days: count,
    from: day,
    to: day,
    ...aggregates,
    installationsByDay: z.array(z.object({ day, installations })),
    versionsByDay: z.array(z.object({ day, ...versionRow.shape })),
    versionChecksByDay: z.array(z.object({ day, ...checkRow.shape })),
    other: z.object(
      Object.fromEntries(summaryLists.map((name) => [name, folded])) as Record<SummaryList, typeof folded>,
    ),
  })
  .describe('the `days` days (7, 30, 90 or 365) ending with the last finished UTC day; today is never published')
export type SummaryList = (typeof summaryLists)[number]
export type Summary = z.output<typeof summarySchema>

const valueRow = z.object({
  value: z.string().describe('the value as sent; numbers as a bucket: 0, [1,10), [10,100) … >=1000000'),
  installations,
})

export const optionSchema = z.object({
  path: z.string(),
  kind: z.string(),
  export: z.boolean().describe('whether the value of the option is sent'),
  help: z.string(),
  since: z.string().nullable().describe('the first minor release that has the option'),
  until: z
    .string()
    .nullable()
    .describe('the last minor release that has it, when a later one removed it; null while the newest has it'),
  days: count,
  from: day,
  to: day,
  ...thresholdFields,
  adoption: z.array(
    z.object({
      day,
      installations,
      of: count.describe('installations reporting that day with a release that has the option'),
    }),
  ),
  values: z
    .array(valueRow)
    .describe('distribution of the values, for exported booleans, numbers, durations and enumerations'),
  other: z.object({ adoption: folded, values: folded }),
})
export type OptionStats = z.output<typeof optionSchema>

const dailyLists = [
  ...Object.keys(aggregates).filter((key) => !(key in thresholdFields) && key !== 'installations'),
  'values',
]

export const dailySchema = z
  .object({
    day,
    complete: z.literal(true).describe('the day is over: this file never changes (only finished days are published)'),
    ...aggregates,
    values: z.array(z.object({ path: z.string(), ...valueRow.shape })),
    other: z.object(Object.fromEntries(dailyLists.map((name) => [name, folded]))),
  })
  .describe("one day's published aggregates")
export type Daily = z.output<typeof dailySchema>

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
