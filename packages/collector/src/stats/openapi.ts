import * as z from 'zod'
import { releaseSchemaSchema } from './release-schema.js'
import { dailySchema, errorSchema, optionSchema, summarySchema } from './schemas.js'
import { dailyFileSchema, optionPathSchema, windowQuerySchema } from './window.js'

/** The OpenAPI 3.1 document of the statistics API, its response schemas generated from the Zod ones. */

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'output' }) } },
})
const notFound = { 404: json(errorSchema, 'no such option, or a day that is not over yet') }
const badRequest = { 400: json(errorSchema, 'days is not one of the public windows') }

/**
 * The parameters of a route, from the Zod schema the route validates them with (its `description`
 * becomes the parameter's): never a second copy of a range. A parameter is required when the
 * schema refuses its absence.
 */
function parameters(where: 'query' | 'path', schema: z.ZodObject) {
  const { properties = {} } = z.toJSONSchema(schema, { io: 'output' }) as {
    properties?: Record<string, { description?: string }>
  }
  return Object.entries(properties).map(([name, { description, ...json }]) => ({
    name,
    in: where,
    required: where === 'path' || !schema.shape[name]?.safeParse(undefined).success,
    ...(description && { description }),
    schema: json,
  }))
}

const windowParameters = parameters('query', windowQuerySchema)
const dayParameters = parameters('path', dailyFileSchema)

/** Route → its 200 schema: what the tests check real answers against. */
export const DOCUMENTED = {
  '/api/v1/summary': summarySchema,
  '/api/v1/options/{path}': optionSchema,
  '/data/daily/{day}.json': dailySchema,
  '/api/v1/schema/{version}': releaseSchemaSchema,
} as const

/** The API's version: `v1` in the paths. */
const API_VERSION = '1.0.0'

export function openAPIDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baqup telemetry statistics',
      version: API_VERSION,
      description:
        'Public aggregates of the usage reports. Every published count comes from at least `minCount` distinct installations in at least `minNetworks` distinct networks; smaller rows are left out and counted under `other`, and so are rows whose publication would let a left-out count be computed from the others (secondary suppression). Windows are 7, 30, 90 or 365 days ending with the last finished UTC day; daily files exist for finished days only and never change.',
    },
    paths: {
      '/api/v1/summary': {
        get: {
          parameters: windowParameters,
          responses: { 200: json(summarySchema, 'the summary of the window'), ...badRequest },
        },
      },
      '/api/v1/options/{path}': {
        get: {
          parameters: [...parameters('path', optionPathSchema), ...windowParameters],
          responses: { 200: json(optionSchema, "the option's adoption and values"), ...badRequest, ...notFound },
        },
      },
      '/api/v1/schema/{version}': {
        get: {
          parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: json(releaseSchemaSchema, "the release's allow-list: exactly what the collector accepts from it"),
            404: json(errorSchema, 'not dev nor a release the collector knows'),
          },
        },
      },
      '/data/daily/{day}.json': {
        get: {
          parameters: dayParameters,
          responses: { 200: json(dailySchema, "the day's published aggregates"), ...notFound },
        },
      },
      '/data/daily/{day}.csv': {
        get: {
          parameters: dayParameters,
          responses: {
            200: {
              description: 'the same rows as the JSON file: table,name,value,installations,networks,checks,folded',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...notFound,
          },
        },
      },
    },
  }
}
