import * as z from 'zod'
import { duration } from '../duration.js'
import { section, stringMap } from '../kinds.js'
import { exported, masked } from '../meta.js'
import { tlsTo } from './common.js'

/** providers.http */
export const http = exported(
  section({
    endpoint: masked(z.string(), 'URL that serves the dynamic configuration as JSON.'),
    pollInterval: exported(duration().default('5s'), 'Interval between two requests to the endpoint, as a duration.'),
    pollTimeout: exported(duration().default('5s'), 'Timeout of each request to the endpoint, as a duration.'),
    headers: masked(stringMap(), 'Extra HTTP headers sent with each request to the endpoint.'),
    tls: tlsTo('the configuration endpoint'),
    maxResponseBodySize: exported(z.int().default(-1), 'Largest response body accepted, in bytes; -1 means no limit.'),
  }),
  'Polls a URL that serves the dynamic configuration.',
)
