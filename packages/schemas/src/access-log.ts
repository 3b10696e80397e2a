import * as z from 'zod'
import { duration } from './duration.js'
import { group, oneOf, oneOfMap, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'
import { otlpResource, otlpTransports } from './otlp.js'
import { namedAs, statusCode } from './shapes.js'

/** The fields an access log line has (Baqup's documented list): the only names `fields.names` sends as written. */
export const ACCESS_LOG_FIELDS: readonly string[] = Object.freeze([
  'StartUTC',
  'StartLocal',
  'Duration',
  'EntryPointName',
  'RouterName',
  'ServiceName',
  'ServiceURL',
  'ServiceAddr',
  'ClientAddr',
  'ClientHost',
  'ClientPort',
  'ClientUsername',
  'RequestAddr',
  'RequestHost',
  'RequestPort',
  'RequestMethod',
  'RequestPath',
  'RequestProtocol',
  'RequestScheme',
  'RequestLine',
  'RequestContentSize',
  'OriginDuration',
  'OriginContentSize',
  'OriginStatus',
  'OriginStatusLine',
  'DownstreamStatus',
  'DownstreamStatusLine',
  'DownstreamContentSize',
  'RequestCount',
  'GzipRatio',
  'Overhead',
  'RetryAttempts',
  'TLSVersion',
  'TLSCipher',
  'TLSClientSubject',
  'TraceId',
  'SpanId',
])

const filters = exported(
  withParent(
    group({
      statusCodes: exported(z.array(statusCode()), 'Log only these status codes or ranges, such as 200 or 500-599.'),
      retryAttempts: exported(z.boolean().default(false), 'Log requests that were retried at least once.'),
      minDuration: exported(duration().default('0s'), 'Log requests that took longer than this.'),
    }),
  ),
  'Keep only the access log lines that match one of these filters.',
)

const fields = exported(
  withParent(
    group({
      defaultMode: exported(
        oneOf(['keep', 'drop']).default('keep'),
        'Treatment of fields not listed in names: keep or drop.',
      ),
      names: exported(
        namedAs('field', oneOf(['keep', 'drop']), ACCESS_LOG_FIELDS),
        'Treatment of individual fields (field name → keep or drop).',
      ),
      headers: exported(
        withParent(
          group({
            defaultMode: exported(
              oneOf(['keep', 'drop', 'redact']).default('drop'),
              'Treatment of headers not listed in names: keep, drop or redact.',
            ),
            names: masked(
              oneOfMap(['keep', 'drop', 'redact']),
              'Treatment of individual headers (header name → keep, drop or redact).',
            ),
          }),
        ),
        'Which request headers access log lines keep, drop or redact.',
      ),
      queryParameters: exported(
        withParent(
          group({
            defaultMode: exported(
              oneOf(['keep', 'drop']).default('keep'),
              'Treatment of query parameters: keep or drop.',
            ),
          }),
        ),
        'Whether access log lines keep the query parameters of requests.',
      ),
    }),
  ),
  'Which fields access log lines contain.',
)

/** One line per request handled. */
export const accessLog = exported(
  section({
    filePath: masked(z.string(), 'File the access log is written to; standard output when empty.'),
    format: exported(
      oneOf(['common', 'genericCLF', 'json']).default('common'),
      'Access log format: common, genericCLF or json.',
    ),
    filters,
    fields,
    bufferingSize: exported(z.int().default(0), 'Access log lines buffered in memory before being written (count).'),
    addInternals: exported(
      z.boolean().default(false),
      'Also log requests to internal services (API, dashboard, ping).',
    ),
    dualOutput: exported(
      z.boolean().default(false),
      'Keep writing the file or stdout access log while OTLP export is on.',
    ),
    otlp: exported(
      section({
        ...otlpResource('access logs'),
        ...otlpTransports('access logs'),
      }),
      'Send access logs to an OpenTelemetry collector (needs experimental.otlplogs).',
    ),
  }),
  'Write an access log line for every request Baqup handles.',
)
