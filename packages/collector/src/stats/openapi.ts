import * as z from 'zod'
import { dailySchema, errorSchema, optionSchema, summarySchema } from './schemas.js'
import { DEFAULT_DAYS, MAX_DAYS } from './window.js'

/** The OpenAPI 3.1 document of the statistics API, its response schemas generated from the Zod ones. */

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'output' }) } },
})
const notFound = { 404: json(errorSchema, 'no such option or day') }
const badRequest = { 400: json(errorSchema, 'a parameter out of range') }
const daysParameter = {
  name: 'days',
  in: 'query',
  required: false,
  description: `the last N days, today so far included (default ${DEFAULT_DAYS})`,
  schema: { type: 'integer', minimum: 1, maximum: MAX_DAYS, default: DEFAULT_DAYS },
}

/** Route → its 200 schema: what the tests check real answers against. */
export const DOCUMENTED = {
  '/api/v1/summary': summarySchema,
  '/api/v1/options/{path}': optionSchema,
  '/data/daily/{day}.json': dailySchema,
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
        'Public aggregates of the usage reports. Every published count comes from at least `minCount` distinct installations; smaller rows are left out and counted under `other`.',
    },
    paths: {
      '/api/v1/summary': {
        get: {
          parameters: [daysParameter],
          responses: { 200: json(summarySchema, 'the summary of the window'), ...badRequest },
        },
      },
      '/api/v1/options/{path}': {
        get: {
          parameters: [
            {
              name: 'path',
              in: 'path',
              required: true,
              description: 'as `flags` prints it, URL-encoded',
              schema: { type: 'string' },
            },
            daysParameter,
          ],
          responses: { 200: json(optionSchema, "the option's adoption and values"), ...badRequest, ...notFound },
        },
      },
      '/data/daily/{day}.json': {
        get: {
          parameters: [{ name: 'day', in: 'path', required: true, schema: { type: 'string', format: 'date' } }],
          responses: { 200: json(dailySchema, "the day's published aggregates"), ...notFound },
        },
      },
      '/data/daily/{day}.csv': {
        get: {
          parameters: [{ name: 'day', in: 'path', required: true, schema: { type: 'string', format: 'date' } }],
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
